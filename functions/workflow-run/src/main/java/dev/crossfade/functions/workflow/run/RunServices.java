package dev.crossfade.functions.workflow.run;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsService;
import java.util.List;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** The services of the run jar: EventBridge for the run's events, and the shared state's (lock, run record, run metrics). */
public final class RunServices {

    public static final AwsService<EventBridgeClient> EVENTBRIDGE = AwsService.regional("events", EventBridgeClient::builder);
    /** What this jar's steps call: what its warm-up builds. */
    public static final List<AwsService<?>> JAR = List.of(CLOUDWATCH, DYNAMODB, EVENTBRIDGE);

    private RunServices() {}
}
