package dev.crossfade.testutils;

import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;
import static dev.crossfade.functions.detect.DetectorServices.SFN;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.DetectorConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The AWS side of a detector test, against an emulator: the state table and the failover state
 * machine in every enabled region (as the CDK stacks deploy them), under names unique to one test.
 */
public final class DetectorFixture {

    public static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    private static final String PASS = "{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"End\":true}}}";

    public final AwsClients clients;
    public final String table = "shop-prod-detector-" + UUID.randomUUID().toString().substring(0, 8);
    public final String stateMachine = "shop-prod-failover-" + UUID.randomUUID().toString().substring(0, 8);
    private final URI endpoint;
    private final String account;

    public DetectorFixture(URI endpoint, String accessKey, String account) {
        this.endpoint = endpoint;
        this.account = account;
        this.clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "testing")), Optional.of(endpoint));
        for (String region : REGIONS) {
            clients.get(DYNAMODB, region).createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("pk"), attr("sk"))
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
            clients.get(SFN, region).createStateMachine(b -> b.name(stateMachine).definition(PASS)
                    .roleArn("arn:aws:iam::" + account + ":role/" + stateMachine));
        }
    }

    /** The environment the CDK construct sets, for a detector running in {@code region}. */
    public Map<String, String> env(String region, boolean automatic, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", region);
        env.put(DetectorConfig.PROJECT, "shop");
        env.put(DetectorConfig.ENVIRONMENT, "prod");
        env.put(DetectorConfig.ACCOUNT, account);
        env.put(DetectorConfig.MODE, "active-passive");
        env.put(DetectorConfig.REGIONS, "[{\"name\":\"us-east-1\",\"priority\":1,\"primary\":true},"
                + "{\"name\":\"eu-west-1\",\"priority\":2,\"primary\":false},{\"name\":\"ap-southeast-2\",\"priority\":3,\"primary\":false}]");
        env.put(DetectorConfig.DISABLED_REGIONS, "[\"us-west-2\"]");
        env.put(DetectorConfig.POLICY, "{\"automatic\":" + automatic + ",\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,"
                + "\"cooldownMinutes\":30,\"approvalForDataLoss\":true}");
        env.put(DetectorConfig.STATE_TABLE, table);
        env.put(DetectorConfig.STATE_MACHINE_NAME, stateMachine);
        env.put(DetectorConfig.ENDPOINT, endpoint.toString());
        env.putAll(extra);
        return env;
    }

    public DetectorConfig config(String region, boolean automatic) {
        return DetectorConfig.fromEnv(env(region, automatic, Map.of()));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
