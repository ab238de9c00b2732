package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.CLOUDWATCH;
import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;
import static dev.crossfade.functions.detect.DetectorServices.SFN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.StateJson;
import dev.crossfade.emulator.EventTimes;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.testutils.DetectionSamples;
import dev.crossfade.testutils.DetectorFixture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;

/**
 * The detector handler over HTTP against an AWS emulator. Subclasses supply the emulator (moto
 * always; LocalStack when Docker is present); the assertions are the same for both.
 *
 * <p>Time: each test runs the handler on a clock fixed at {@link #now}, read from the real clock
 * when the test starts, and the sample events are re-dated to it ({@link #event}). The emulator
 * stamps alarm states and keeps datapoints by the real clock, so a clock fixed on some past day
 * would meet those stamps from the wrong side once that day has passed; a test that depends on a
 * stamp the emulator makes derives its clock from that stamp (docs/testing.md).
 */
abstract class EvaluateAlarmHandlerContract {

    /** The handler's clock in this test: the real time at the test's start, to the second. */
    Instant now;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    DetectorFixture aws;

    abstract URI endpoint();

    /** Access key; LocalStack takes a 12-digit key as the account id. */
    String accessKey() {
        return "testing";
    }

    String account() {
        return "123456789012";
    }

    @BeforeEach
    void createTablesAndStateMachines() {
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        aws = new DetectorFixture(endpoint(), accessKey(), account());
    }

    EvaluateAlarmHandler handler(String region, boolean automatic) {
        return handler(aws.config(region, automatic));
    }

    EvaluateAlarmHandler handler(DetectorConfig config) {
        return new EvaluateAlarmHandler(config, aws.clients, Clock.fixed(now, ZoneOffset.UTC),
                new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** What the handlers of a test wrote to their log (stdout on Lambda). */
    final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    static JsonNode invoke(EvaluateAlarmHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return MAPPER.readTree(out.toByteArray());
    }

    /** A sample event of events/, re-dated to this test's clock. */
    byte[] event(String name) {
        return datedAt(name, now);
    }

    /** A sample event re-dated to {@code at} (see the class comment). */
    static byte[] datedAt(String name, Instant at) {
        return EventTimes.movedTo(new String(DetectionSamples.eventBytes(name), StandardCharsets.UTF_8), at).getBytes(StandardCharsets.UTF_8);
    }

    List<ExecutionListItem> executions(String region) {
        String arn = aws.config(region, true).stateMachineArn(region);
        return aws.clients.get(SFN, region).listExecutions(b -> b.stateMachineArn(arn)).executions();
    }

    DetectorState storedState(String region) {
        Map<String, AttributeValue> item = aws.clients.get(DYNAMODB, region).getItem(b -> b.tableName(aws.table)
                .key(Map.of("pk", AttributeValue.fromS("STATE"), "sk", AttributeValue.fromS("CURRENT")))).item();
        return StateJson.read(item.get("state").s());
    }

    @Test
    void primaryAlarm_shouldStartOneExecutionInTargetRegion_withContractInput() throws IOException {
        JsonNode decision = invoke(handler("eu-west-1", true), event("alarm-primary-alb-5xx.json"));

        assertEquals("FAILOVER", decision.get("action").asText(), decision.toString());
        assertEquals("eu-west-1", decision.get("to").asText());
        List<ExecutionListItem> started = executions("eu-west-1");
        assertEquals(1, started.size());
        assertEquals(decision.get("executionName").asText(), started.get(0).name());
        JsonNode input = MAPPER.readTree(aws.clients.get(SFN, "eu-west-1")
                .describeExecution(b -> b.executionArn(started.get(0).executionArn())).input());
        assertEquals("failover", input.get("mode").asText());
        assertEquals("us-east-1", input.get("from").asText());
        assertEquals("eu-west-1", input.get("to").asText());
        assertEquals(decision.get("incidentId").asText(), input.get("incidentId").asText());
        assertFalse(input.get("reason").asText().isBlank());
        assertEquals(0, executions("ap-southeast-2").size());
        assertTrue(storedState("eu-west-1").openIncident().orElseThrow().started());
    }

    @Test
    void decision_shouldBeAuditedAndCounted() throws IOException {
        invoke(handler("eu-west-1", true), event("alarm-primary-alb-5xx.json"));

        var audit = aws.clients.get(DYNAMODB, "eu-west-1").query(b -> b.tableName(aws.table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT#" + now.atZone(ZoneOffset.UTC).toLocalDate())))).items();
        assertEquals(1, audit.size());
        assertTrue(audit.get(0).get("decision").s().contains("\"action\":\"FAILOVER\""));
        // counted in the log, in embedded metric format: no PutMetricData on the decision's path
        java.util.List<JsonNode> emf = new java.util.ArrayList<>();
        for (String line : logs.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = MAPPER.readTree(line);
            if (node.has("_aws")) {
                emf.add(node);
            }
        }
        assertTrue(emf.stream().anyMatch(n -> n.path("Decisions").asDouble() == 1.0 && n.path("Action").asText().equals("FAILOVER")
                && n.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText().equals(DecisionPublisher.NAMESPACE)
                && n.path("_aws").path("Timestamp").asLong() == now.toEpochMilli()), emf.toString());
        assertTrue(emf.stream().anyMatch(n -> n.path("SignalsSeen").asDouble() == 1.0 && n.path("State").asText().equals("ALARM")), emf.toString());
        assertTrue(aws.clients.get(CLOUDWATCH, "eu-west-1").listMetrics(b -> b.namespace(DecisionPublisher.NAMESPACE)).metrics().isEmpty(),
                "the detector puts no metric data");
    }

    @Test
    void duplicateEvent_shouldStartExactlyOneExecution() throws IOException {
        EvaluateAlarmHandler handler = handler("eu-west-1", true);

        JsonNode first = invoke(handler, event("alarm-primary-alb-5xx.json"));
        JsonNode second = invoke(handler, event("alarm-primary-alb-5xx.json"));

        assertEquals("FAILOVER", first.get("action").asText());
        assertEquals("NONE", second.get("action").asText());
        assertEquals(1, executions("eu-west-1").size());
    }

    @Test
    void concurrentEvents_shouldStartExactlyOneExecution() throws Exception {
        EvaluateAlarmHandler handler = handler("eu-west-1", true);
        List<String> files = List.of("alarm-primary-alb-5xx.json", "health-check-alarm-us-east-1.json",
                "composite-alarm-primary.json", "alarm-primary-alb-5xx.json", "canary-alarm-us-east-1-from-eu-west-1.json", "alarm-primary-alb-5xx.json");
        ExecutorService pool = Executors.newFixedThreadPool(files.size());
        List<Future<JsonNode>> results = new ArrayList<>();
        try {
            for (String f : files) {
                Callable<JsonNode> call = () -> invoke(handler, event(f));
                results.add(pool.submit(call));
            }
            int failovers = 0;
            for (Future<JsonNode> r : results) {
                failovers += r.get().get("action").asText().equals("FAILOVER") ? 1 : 0;
            }

            assertEquals(1, failovers);
            assertEquals(1, executions("eu-west-1").size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void detectorInThirdRegion_shouldStartInTargetRegion_andTakeTheLockThere() throws IOException {
        JsonNode decision = invoke(handler("ap-southeast-2", true), event("alarm-primary-alb-5xx.json"));

        assertEquals("FAILOVER", decision.get("action").asText(), decision.toString());
        assertEquals(1, executions("eu-west-1").size());
        assertEquals(0, executions("ap-southeast-2").size());
        Map<String, AttributeValue> lock = aws.clients.get(DYNAMODB, "eu-west-1").getItem(b -> b.tableName(aws.table)
                .key(Map.of("pk", AttributeValue.fromS("LOCK#us-east-1"), "sk", AttributeValue.fromS("FAILOVER")))).item();
        assertEquals("ap-southeast-2", lock.get("lockedBy").s());
    }

    @Test
    void lockHeldByAnotherDetector_shouldStandDownWithoutExecution() throws IOException {
        aws.clients.get(DYNAMODB, "eu-west-1").putItem(b -> b.tableName(aws.table).item(Map.of(
                "pk", AttributeValue.fromS("LOCK#us-east-1"), "sk", AttributeValue.fromS("FAILOVER"),
                "executionName", AttributeValue.fromS("us-east-1-to-eu-west-1-1"), "to", AttributeValue.fromS("eu-west-1"),
                "lockedAt", AttributeValue.fromN(Long.toString(now.getEpochSecond() - 10)), "lockedBy", AttributeValue.fromS("ap-southeast-2"))));

        JsonNode decision = invoke(handler("eu-west-1", true), event("alarm-primary-alb-5xx.json"));

        assertEquals("NONE", decision.get("action").asText());
        assertTrue(decision.get("reason").asText().contains("another detector"), decision.toString());
        assertEquals(0, executions("eu-west-1").size());
    }

    @Test
    void monitorMode_shouldNotifyOnly_andStartNothing() throws IOException {
        JsonNode decision = invoke(handler("eu-west-1", false), event("alarm-primary-alb-5xx.json"));

        assertEquals("NOTIFY_ONLY", decision.get("action").asText());
        assertTrue(decision.get("executionName").isNull());
        assertEquals(0, executions("eu-west-1").size());
    }

    @Test
    void replicaLagAboveBudget_shouldAwaitApproval_andStartNothing() throws IOException {
        // CloudWatch keeps (and accepts) datapoints of the last two weeks only: dated from the real clock
        aws.clients.get(CLOUDWATCH, "eu-west-1").putMetricData(b -> b.namespace("AWS/RDS").metricData(m -> m.metricName("ReplicaLag")
                .dimensions(d -> d.name("DBInstanceIdentifier").value("shop-prod-db-eu-west-1"))
                .timestamp(now.minusSeconds(60)).value(42.0)));
        DetectorConfig config = DetectorConfig.fromEnv(aws.env("eu-west-1", true,
                Map.of(DetectorConfig.REPLICA_INSTANCES, "{\"eu-west-1\":\"shop-prod-db-eu-west-1\"}")));

        JsonNode decision = invoke(handler(config), event("alarm-primary-alb-5xx.json"));

        assertEquals("NOTIFY_ONLY", decision.get("action").asText(), decision.toString());
        assertTrue(decision.get("approvalRequired").asBoolean());
        assertTrue(decision.get("reason").asText().contains("42.0"));
        assertEquals(0, executions("eu-west-1").size());
    }

    @Test
    void interruptedStart_shouldBeCompletedByTheNextScheduledEvaluation() throws IOException {
        EvaluateAlarmHandler handler = handler("eu-west-1", true);
        invoke(handler, event("alarm-primary-alb-5xx.json"));
        DetectorState afterCrash = storedState("eu-west-1");
        var incident = afterCrash.openIncident().orElseThrow();
        var unconfirmed = afterCrash.withIncident(Optional.of(new dev.crossfade.decision.Incident(incident.id(), incident.from(),
                incident.to(), incident.openedAt(), incident.executionName(), false, incident.status())));
        new StateStore(aws.clients, aws.table, "eu-west-1").save(unconfirmed, afterCrash.version(), now);

        JsonNode tick = invoke(handler, event("scheduled-tick.json"));

        assertEquals("NONE", tick.get("action").asText());
        assertEquals(1, executions("eu-west-1").size());
        assertTrue(storedState("eu-west-1").openIncident().orElseThrow().started());
    }

    @Test
    void missedAlarmEvent_shouldBeRepairedByTheScheduledEvaluation() throws IOException {
        var cloudWatch = aws.clients.get(CLOUDWATCH, "eu-west-1");
        cloudWatch.putMetricAlarm(b -> b.alarmName("shop-prod-us-east-1-canary").namespace("Crossfade/Canary").metricName("PeerHealthy")
                .statistic("Minimum").period(60).evaluationPeriods(2).threshold(1.0)
                .comparisonOperator(software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.LESS_THAN_THRESHOLD));
        cloudWatch.putMetricAlarm(b -> b.alarmName("billing-estimated-charges").namespace("AWS/Billing").metricName("EstimatedCharges")
                .statistic("Maximum").period(21600).evaluationPeriods(1).threshold(100.0)
                .comparisonOperator(software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator.GREATER_THAN_THRESHOLD));
        cloudWatch.setAlarmState(b -> b.alarmName("shop-prod-us-east-1-canary").stateValue("ALARM").stateReason("peer unreachable"));
        cloudWatch.setAlarmState(b -> b.alarmName("billing-estimated-charges").stateValue("ALARM").stateReason("not ours"));
        // the dwell runs from the alarm's StateUpdatedTimestamp, which the emulator stamps with the
        // real clock: the handler's clock is derived from that stamp, never fixed in advance
        Instant stamped = cloudWatch.describeAlarms(b -> b.alarmNames("shop-prod-us-east-1-canary")).metricAlarms().get(0)
                .stateUpdatedTimestamp();
        Instant tick = stamped.plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        EvaluateAlarmHandler handler = new EvaluateAlarmHandler(aws.config("eu-west-1", true), aws.clients, Clock.fixed(tick, ZoneOffset.UTC));

        JsonNode decision = invoke(handler, datedAt("scheduled-tick.json", tick));

        assertEquals("FAILOVER", decision.get("action").asText(), decision.toString());
        assertTrue(decision.get("reason").asText().contains("canary@eu-west-1"), decision.toString());
        assertEquals(1, executions("eu-west-1").size());
        assertEquals(java.util.Set.of("us-east-1"), storedState("eu-west-1").signals().keySet());
    }

    @Test
    void everyMalformedEvent_shouldAnswerNone_withoutAnyAwsCall() throws IOException {
        // clients aimed at a closed port: any AWS call would throw, so answering proves there was none
        AwsClients dead = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                Optional.of(URI.create("http://127.0.0.1:9")));
        EvaluateAlarmHandler handler = new EvaluateAlarmHandler(aws.config("eu-west-1", true), dead, Clock.fixed(now, ZoneOffset.UTC));
        List<Path> files = DetectionSamples.malformedEvents();
        assertEquals(8, files.size());
        for (Path f : files) {
            JsonNode decision = invoke(handler, Files.readAllBytes(f));

            assertEquals("NONE", decision.get("action").asText(), f.toString());
            assertFalse(decision.get("reason").asText().isBlank(), f.toString());
        }
        assertEquals("NONE", invoke(handler, DetectionSamples.eventBytes("not-json.txt")).get("action").asText());
    }
}
