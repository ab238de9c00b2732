package dev.crossfade.bench.coldstart;

import dev.crossfade.functions.detect.DetectorConfig;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS side of one cold-start run against the emulator: a fresh state table and failover
 * state machine (unique names) in every enabled region, as the stacks deploy them, so that
 * every run takes the same path (first alarm, FAILOVER, lock, start, audit, metrics, notify).
 */
final class DetectorAws implements AutoCloseable {

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    /** The detector runs in the first standby, the failover target of the sample event. */
    static final String DETECTOR_REGION = "eu-west-1";
    static final String ACCOUNT = "123456789012";
    private static final String PASS = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}";

    private final URI endpoint;
    private final SdkHttpClient http = UrlConnectionHttpClient.create();
    private final StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    DetectorAws(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Creates the resources of one run and returns the detector's environment for them. */
    Map<String, String> freshDeployment() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String table = "shop-prod-detector-" + suffix;
        String stateMachine = "shop-prod-failover-" + suffix;
        for (String region : REGIONS) {
            try (DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http).credentialsProvider(credentials)
                    .region(Region.of(region)).endpointOverride(endpoint).build();
                 SfnClient sfn = SfnClient.builder().httpClient(http).credentialsProvider(credentials)
                         .region(Region.of(region)).endpointOverride(endpoint).build()) {
                dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
                sfn.createStateMachine(b -> b.name(stateMachine).definition(PASS)
                        .roleArn("arn:aws:iam::" + ACCOUNT + ":role/" + stateMachine));
            }
        }
        return environment(table, stateMachine);
    }

    /** The variables the CDK construct sets (docs/detection.md), plus credentials for the emulator. */
    private Map<String, String> environment(String table, String stateMachine) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", DETECTOR_REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put(DetectorConfig.PROJECT, "shop");
        env.put(DetectorConfig.ENVIRONMENT, "prod");
        env.put(DetectorConfig.ACCOUNT, ACCOUNT);
        env.put(DetectorConfig.MODE, "active-passive");
        env.put(DetectorConfig.REGIONS, "[{\"name\":\"us-east-1\",\"priority\":1,\"primary\":true},"
                + "{\"name\":\"eu-west-1\",\"priority\":2,\"primary\":false},{\"name\":\"ap-southeast-2\",\"priority\":3,\"primary\":false}]");
        env.put(DetectorConfig.POLICY, "{\"automatic\":true,\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,"
                + "\"cooldownMinutes\":30,\"approvalForDataLoss\":true}");
        env.put(DetectorConfig.STATE_TABLE, table);
        env.put(DetectorConfig.STATE_MACHINE_NAME, stateMachine);
        env.put(DetectorConfig.ENDPOINT, endpoint.toString());
        return env;
    }

    @Override
    public void close() {
        http.close();
    }
}
