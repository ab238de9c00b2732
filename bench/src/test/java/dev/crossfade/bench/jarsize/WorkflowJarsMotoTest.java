package dev.crossfade.bench.jarsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.bench.RepoFiles;
import dev.crossfade.bench.coldstart.child.ColdStartChild;
import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Each per-deployable workflow jar, run as Lambda runs it: a fresh JVM with only that jar (and
 * the launcher) on its classpath, one step input, real HTTP calls to moto, and the answer checked.
 * Guards minimizeJar and the jar's service excludes: a class the SDK needs but the jar lacks fails
 * the step here, not in a failover. Needs functions packaged first, as the reactor build does.
 */
@ExtendWith(MotoExtension.class)
class WorkflowJarsMotoTest {

    private static final String PRIMARY = "us-east-1";
    private static final String STANDBY = "eu-west-1";
    private static final String APP = "shop-prod";
    private static final String TABLE = APP + "-failover-state";
    private static final String INPUT = "{\"mode\":\"failover\",\"from\":\"" + PRIMARY + "\",\"to\":\"" + STANDBY
            + "\",\"reason\":\"jar guard\",\"incidentId\":\"inc-jar\",\"executionId\":\"arn:aws:states:eu-west-1:123456789012:execution:m:jar\"}";

    private MotoServer moto;
    @TempDir
    Path work;

    @BeforeEach
    void resetEmulator(MotoServer moto) {
        this.moto = moto;
        moto.reset();
    }

    @Test
    void databaseJar_shouldFenceRoutingAndWrites_inAFreshJvm() throws Exception {
        try (RdsClient rds = client(RdsClient.builder(), PRIMARY)) {
            rds.createDBParameterGroup(r -> r.dbParameterGroupName("pg-" + PRIMARY).dbParameterGroupFamily("postgres15").description("jar guard"));
        }

        String output = runStep("workflow-database", "dev.crossfade.functions.workflow.database.FenceOldPrimaryHandler", INPUT);

        assertTrue(output.contains("\"routingFenced\":true,\"writesFenced\":true,\"skipped\":[]"), output);
    }

    /**
     * The rollback from the database jar, which ProGuard shrinks: it reads the target instance and
     * its tags (DescribeDBInstances, ListTagsForResource), then lifts the fence and the veto, each
     * a call no other case here makes from the jar.
     */
    @Test
    void databaseJar_shouldUndoTheFence_inAFreshJvm() throws Exception {
        try (RdsClient rds = client(RdsClient.builder(), PRIMARY); RdsClient standby = client(RdsClient.builder(), STANDBY)) {
            rds.createDBParameterGroup(r -> r.dbParameterGroupName("pg-" + PRIMARY).dbParameterGroupFamily("postgres15").description("jar guard"));
            standby.createDBInstance(r -> r.dbInstanceIdentifier("db-" + STANDBY).engine("postgres").dbInstanceClass("db.t4g.micro")
                    .allocatedStorage(20).masterUsername("crossfade").masterUserPassword("jar-guard-1"));
            runStep("workflow-database", "dev.crossfade.functions.workflow.database.FenceOldPrimaryHandler", INPUT);

            String output = runStep("workflow-database", "dev.crossfade.functions.workflow.database.UnfenceOldPrimaryHandler", INPUT);

            assertTrue(output.contains("\"routingFenced\":true,\"writesFenced\":true,\"skipped\":[]"), output);
            String readOnly = rds.describeDBParameters(r -> r.dbParameterGroupName("pg-" + PRIMARY)).parameters().stream()
                    .filter(p -> "default_transaction_read_only".equals(p.parameterName())).findFirst().orElseThrow().parameterValue();
            assertEquals("off", readOnly, "the rollback gave the old primary its writes back");
        }
    }

    @Test
    void runJar_shouldRecordTheRun_inAFreshJvm() throws Exception {
        createStateTable();
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), STANDBY)) {
            String record = "{\"status\":\"SUCCEEDED\",\"executionId\":\"exec-jar\",\"executionStartTime\":\"2026-11-22T10:00:05Z\","
                    + "\"state\":{\"mode\":\"failover\",\"from\":\"" + PRIMARY + "\",\"to\":\"" + STANDBY + "\","
                    + "\"traffic\":{\"startedAt\":\"2026-11-22T10:00:10Z\",\"endedAt\":\"2026-11-22T10:00:11Z\"}}}";

            String output = runStep("workflow-run", "dev.crossfade.functions.workflow.run.RecordRunHandler", record);

            assertTrue(output.contains("\"status\":\"SUCCEEDED\""), output);
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(TABLE)
                    .key(Map.of("pk", AttributeValue.fromS("run#" + APP + "#exec-jar")))).item();
            assertEquals("SUCCEEDED", item.get("status").s());
        }
    }

    @Test
    void trafficJar_shouldShiftTheRoutingControl_inAFreshJvm() throws Exception {
        String output = runStep("workflow-traffic", "dev.crossfade.functions.workflow.traffic.ShiftTrafficHandler", INPUT);

        assertTrue(output.contains("\"region\":\"" + STANDBY + "\""), output);
    }

    @Test
    void capacityJar_shouldScaleTheTargetService_inAFreshJvm() throws Exception {
        try (EcsClient ecs = client(EcsClient.builder(), STANDBY)) {
            ecs.createCluster(r -> r.clusterName("c-" + STANDBY));
            ecs.registerTaskDefinition(r -> r.family(APP).containerDefinitions(c -> c.name("app").image("nginx").memory(512)));
            ecs.createService(r -> r.cluster("c-" + STANDBY).serviceName("s-" + STANDBY).taskDefinition(APP).desiredCount(1));

            String output = runStep("workflow-capacity", "dev.crossfade.functions.workflow.capacity.ScaleTargetHandler", INPUT);

            assertTrue(output.contains("\"desiredCount\":3"), output);
            assertEquals(3, ecs.describeServices(r -> r.cluster("c-" + STANDBY).services("s-" + STANDBY)).services().get(0).desiredCount());
        }
    }

    /**
     * The polling steps renew the run's lock lease in DynamoDB (RunLock), so the database and
     * traffic jars need the DynamoDB client too. With no lock held, the renewal's conditional update
     * is refused and the step stops with the typed LockHeldException: proof that the call was made,
     * where a jar without DynamoDB fails with NoClassDefFoundError before it.
     */
    @Test
    void pollingStepsOfTheDatabaseAndTrafficJars_shouldReachTheirLockRenewal_inAFreshJvm() throws Exception {
        createStateTable();
        for (String[] step : List.of(
                new String[] {"workflow-database", "dev.crossfade.functions.workflow.database.PromoteDatabaseHandler"},
                new String[] {"workflow-database", "dev.crossfade.functions.workflow.database.CheckPromotionHandler"},
                new String[] {"workflow-traffic", "dev.crossfade.functions.workflow.traffic.VerifyTargetHandler"})) {
            String output = runStepExpectingFailure(step[0], step[1], INPUT);

            assertTrue(output.contains("dev.crossfade.functions.workflow.LockHeldException"), step[1] + ": " + output);
        }
    }

    /**
     * The shrunk database jar renews a held lock in its peer too, with the peer calls' own retry
     * strategy (a per-request SDK plugin): the peer's lease is extended. The step then fails on
     * its RDS instance, which this test does not create.
     */
    @Test
    void checkPromotion_withTheLockHeldInBothRegions_shouldRenewThePeersLease_inAFreshJvm() throws Exception {
        createStateTable(STANDBY);
        createStateTable(PRIMARY);
        long old = java.time.Instant.now().getEpochSecond() + 60;
        String owner = "arn:aws:states:eu-west-1:123456789012:execution:m:jar";
        for (String region : List.of(STANDBY, PRIMARY)) {
            try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), region)) {
                Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", AttributeValue.fromS("lock#" + APP), "owner", AttributeValue.fromS(owner),
                        "incidentId", AttributeValue.fromS("inc-jar"), "expiresAt", AttributeValue.fromN(Long.toString(old))));
                if (region.equals(STANDBY)) {
                    item.put("heldIn", AttributeValue.fromSs(List.of(STANDBY, PRIMARY)));
                }
                dynamo.putItem(r -> r.tableName(TABLE).item(item));
            }
        }

        String output = runStepExpectingFailure("workflow-database", "dev.crossfade.functions.workflow.database.CheckPromotionHandler", INPUT);

        assertFalse(output.contains("NoClassDefFoundError") || output.contains("ClassNotFoundException"), output);
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), PRIMARY)) {
            long renewed = Long.parseLong(dynamo.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("lock#" + APP))))
                    .item().get("expiresAt").n());
            assertTrue(renewed > old + 600, "the peer's lease was renewed from the shrunk jar: " + renewed + " vs " + old + "; " + output);
        }
    }

    /** Runs one handler that must fail from the named jar in a fresh JVM; returns all it printed. */

    /** The workflow's state table (key {@code pk}) in the standby region. */
    private void createStateTable() {
        createStateTable(STANDBY);
    }

    private void createStateTable(String region) {
        try (DynamoDbClient dynamo = client(DynamoDbClient.builder(), region)) {
            dynamo.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        }
    }

    private String runStepExpectingFailure(String classifier, String handler, String input) throws IOException, InterruptedException {
        return runChild(classifier, handler, input, classifier + "-" + handler.replaceAll(".*\\.", "") + ".json", 1);
    }

    /**
     * Runs {@code handler} from the named jar in a fresh JVM, {@code input} written to {@code eventFile}
     * in the work directory; asserts it exits with {@code exitCode} and returns all it printed.
     */
    private String runChild(String classifier, String handler, String input, String eventFile, int exitCode)
            throws IOException, InterruptedException {
        Path root = RepoFiles.root();
        Path jar = JarSizes.deployables(root.resolve("functions/target")).stream()
                .filter(j -> classifier.equals(JarSizes.classifier(j.getFileName().toString()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no *-" + classifier + ".jar in functions/target; run `mvn -pl bench -am verify`"));
        Path event = Files.writeString(work.resolve(eventFile), input);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder process = new ProcessBuilder(java.toString(), "-cp",
                jar + File.pathSeparator + root.resolve("bench/target/classes"), ColdStartChild.class.getName(), handler, event.toString())
                .redirectErrorStream(true);
        process.environment().clear();
        process.environment().putAll(environment());
        Process child = process.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end: " + out);
        assertEquals(exitCode, child.exitValue(), out);
        return out;
    }

    /** Runs one handler from the named jar in a fresh JVM; returns its answer. */
    private String runStep(String classifier, String handler, String input) throws IOException, InterruptedException {
        String out = runChild(classifier, handler, input, classifier + ".json", 0);
        return out.lines().filter(l -> l.startsWith(ColdStartChild.MARK)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ColdStartChild.MARK + " line: " + out));
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", work.toString());
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_REGION", STANDBY);
        env.put("CROSSFADE_AWS_ENDPOINT", moto.endpoint().toString());
        env.put("CROSSFADE_APPLICATION", APP);
        env.put("CROSSFADE_DB_ENGINE", "rds-postgres");
        env.put("CROSSFADE_RPO_BUDGET_SECONDS", "5");
        env.put("CROSSFADE_STATE_TABLE", TABLE);
        env.put("CROSSFADE_REGIONS", "{" + region(PRIMARY, 1, 3) + "," + region(STANDBY, 2, 2) + "}");
        return env;
    }

    private static String region(String name, int priority, int desiredCount) {
        return "\"" + name + "\":{\"priority\":" + priority + ",\"desiredCount\":" + desiredCount + ",\"dbInstanceId\":\"db-" + name
                + "\",\"dbParameterGroup\":\"pg-" + name + "\",\"ecsCluster\":\"c-" + name + "\",\"ecsService\":\"s-" + name
                + "\",\"healthAlarm\":\"a-" + name + "\"}";
    }

    private <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder, String region) {
        builder.httpClient(UrlConnectionHttpClient.create());
        return builder.region(Region.of(region)).endpointOverride(URI.create(moto.endpoint().toString()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
    }
}
