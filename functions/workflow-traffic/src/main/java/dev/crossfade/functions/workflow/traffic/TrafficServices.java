package dev.crossfade.functions.workflow.traffic;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsService;
import java.util.List;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;

/** The services of the traffic jar: Global Accelerator's dials, and the shared state's (the routing control, the lock lease). */
public final class TrafficServices {

    /** Global Accelerator's API answers only in us-west-2. */
    public static final AwsService<GlobalAcceleratorClient> GLOBAL_ACCELERATOR =
            AwsService.homedIn("us-west-2", "globalaccelerator", GlobalAcceleratorClient::builder);
    /** What this jar's steps call: what its warm-up builds (Global Accelerator's only with an accelerator). */
    public static final List<AwsService<?>> JAR = List.of(CLOUDWATCH, DYNAMODB, GLOBAL_ACCELERATOR);

    private TrafficServices() {}
}
