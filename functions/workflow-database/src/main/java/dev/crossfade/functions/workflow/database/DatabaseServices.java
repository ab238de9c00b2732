package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsService;
import java.util.List;
import software.amazon.awssdk.services.rds.RdsClient;

/** The services of the database jar: RDS, and the shared state's (the lock lease its polling steps renew, the replica lag). */
public final class DatabaseServices {

    public static final AwsService<RdsClient> RDS = AwsService.regional("rds", RdsClient::builder);
    /** What this jar's steps call, in every region: what its warm-up builds. */
    public static final List<AwsService<?>> JAR = List.of(CLOUDWATCH, RDS, DYNAMODB);

    private DatabaseServices() {}
}
