package dev.crossfade.functions.detect;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** The detector jar's services: its state (DynamoDB), the workflow's start (Step Functions), alarms and lag (CloudWatch), decisions (EventBridge). */
public final class DetectorServices {

    public static final AwsService<DynamoDbClient> DYNAMODB = AwsService.regional("dynamodb", DynamoDbClient::builder);
    public static final AwsService<SfnClient> SFN = AwsService.regional("sfn", SfnClient::builder);
    public static final AwsService<CloudWatchClient> CLOUDWATCH = AwsService.regional("cloudwatch", CloudWatchClient::builder);
    public static final AwsService<EventBridgeClient> EVENTBRIDGE = AwsService.regional("events", EventBridgeClient::builder);

    private DetectorServices() {}

    /**
     * Builds, at init, every client an event can need: EventBridge in the home region, and in
     * every enabled region the ones a failover to it calls (state write, workflow start, replica
     * lag). Lazy building would put SDK class loading and client construction into the first
     * event, and outside a SnapStart snapshot.
     */
    static AwsClients primed(AwsClients clients, DetectorConfig config) {
        clients.prime(List.of(EVENTBRIDGE), List.of(config.region()));
        Set<String> regions = new LinkedHashSet<>();
        regions.add(config.region());
        config.deployment().regions().forEach(r -> regions.add(r.name()));
        clients.prime(List.of(DYNAMODB, SFN, CLOUDWATCH), regions);
        return clients;
    }
}
