package dev.crossfade.functions.workflow.state;

import dev.crossfade.functions.aws.AwsService;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The services of the run's shared state: the lock, run and writer records (DynamoDB), metrics and the routing control (CloudWatch). */
public final class StateServices {

    public static final AwsService<DynamoDbClient> DYNAMODB = AwsService.regional("dynamodb", DynamoDbClient::builder);
    public static final AwsService<CloudWatchClient> CLOUDWATCH = AwsService.regional("cloudwatch", CloudWatchClient::builder);

    private StateServices() {}
}
