package dev.crossfade.cli.remote;

import static dev.crossfade.cli.remote.testutils.WorkflowInMoto.cli;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto.Run;
import dev.crossfade.emulator.Poll;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.StateMachineFile;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * {@code crossfade approve} / {@code reject} against moto, on the real workflow: the real ASL in
 * moto's interpreter, the real handlers behind the Lambda bridge, the real task token.
 */
class ApproveCommandTest {

    private static final String PRIMARY = "us-east-1";
    private static final String STANDBY = "eu-west-1";
    private static final Path SEED = StateMachineFile.repoRoot().resolve("examples/seed-active-passive.yaml");
    private static WorkflowHarness harness;
    private EmulatedApplication app;
    private String machine;

    @BeforeAll
    static void startEmulator() {
        WorkflowInMoto.useTestCredentials();
        harness = new WorkflowHarness();
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @BeforeEach
    void deployWithLagOverBudget() {
        Topology seed = TopologyParser.parse(SEED);
        app = EmulatedApplication.deploy(harness.moto(), seed);
        app.setReplicaLag(STANDBY, 42);
        machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config(true)));
    }

    @Test
    void approve_shouldShowWhatIsAtStakeAnswerWithTheTokenAndFollowTheRunToItsEnd() {
        String execution = startAndAwaitApproval("inc-approve");

        Run run = cli("approve", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--by", "alice",
                "--reason", "us-east-1 is gone, 42 s accepted", "--yes");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Run inc-approve in eu-west-1 waits for a person"), run.out());
        assertTrue(run.out().contains("failover us-east-1 -> eu-west-1"), run.out());
        assertTrue(run.out().contains("replica lag 42.0 s, RPO budget 5 s"), run.out());
        assertTrue(run.out().contains("Approved inc-approve as alice"), run.out());
        assertTrue(run.out().contains("Result: SUCCEEDED"), run.out());
        assertEquals(ExecutionStatus.SUCCEEDED, harness.describe(STANDBY, execution).status());
        JsonNode approval = runRecord(execution).path("approval");
        assertEquals("alice", approval.path("approvedBy").asText());
        assertEquals("us-east-1 is gone, 42 s accepted", approval.path("reason").asText());
        assertNotNull(approval.path("approvedAt").asText(null));
    }

    @Test
    void reportOfAnApprovedRun_shouldNameTheStepOfEachMutationAndTheApprover(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String execution = startAndAwaitApproval("inc-report");
        assertEquals(0, cli("approve", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--by", "carol", "--yes").exitCode());
        harness.awaitEnd(STANDBY, execution);
        Path json = dir.resolve("report.json");

        Run run = cli("report", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--execution", "inc-report", "--json", json.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Approved by carol"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("inc-report", report.path("executionName").asText());
        assertEquals(42_000, report.path("dataLossWindowMillis").asLong(), "the lag the preflight measured");
        java.util.List<String> steps = new java.util.ArrayList<>();
        report.path("mutations").forEach(m -> steps.add(m.path("step").asText() + ":" + m.path("service").asText() + ":" + m.path("action").asText()));
        assertTrue(steps.contains("PromoteDatabase:rds:PromoteReadReplica"), steps.toString());
        assertTrue(steps.contains("FenceOldPrimary:cloudwatch:PutMetricData"), steps.toString());
        assertTrue(steps.contains("ShiftTraffic:cloudwatch:PutMetricData"), steps.toString());
        assertTrue(steps.indexOf("FenceOldPrimary:cloudwatch:PutMetricData") < steps.indexOf("PromoteDatabase:rds:PromoteReadReplica"), steps.toString());
        assertEquals("carol", report.path("runRecord").path("approval").path("approvedBy").asText());
    }

    @Test
    void reject_shouldStopTheRunSafelyNamingWhoRefusedAndWhy() {
        String execution = startAndAwaitApproval("inc-reject");

        Run run = cli("reject", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--run", "inc-reject", "--by", "bob",
                "--reason", "too much data", "--yes");

        assertEquals(0, run.exitCode(), run.out() + run.err());
        DescribeExecutionResponse done = harness.awaitEnd(STANDBY, execution);
        assertEquals(ExecutionStatus.FAILED, done.status());
        assertEquals("ApprovalRefused", done.error());
        JsonNode record = runRecord(execution);
        assertEquals("ABORTED", record.path("status").asText());
        assertEquals("ApprovalRefused", record.path("error").asText());
        assertEquals("refused by bob: too much data", record.path("cause").asText(), record::toString);
        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "nothing promoted");
    }

    @Test
    void withoutATerminalOrYes_shouldSendNothingAndExit2() {
        String execution = startAndAwaitApproval("inc-no-terminal");

        Run run = cli("approve", "-t", SEED.toString(), "--endpoint-url", endpoint());

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("pass --yes to approve run inc-no-terminal"), run.err());
        assertEquals(ExecutionStatus.RUNNING, harness.describe(STANDBY, execution).status());
        assertEquals("AwaitApproval", last(harness.statesEntered(STANDBY, execution)));
    }

    @Test
    void unknownRun_shouldNameTheWaitingOnesAndExit2() {
        startAndAwaitApproval("inc-waiting");

        Run run = cli("approve", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--run", "inc-other", "--yes");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("run 'inc-other' does not wait for a person"), run.err());
        assertTrue(run.err().contains("waiting: inc-waiting (eu-west-1)"), run.err());
    }

    @Test
    void nothingWaiting_shouldSayItAndExit2() {
        Run run = cli("reject", "-t", SEED.toString(), "--endpoint-url", endpoint(), "--yes");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("no run of shop-prod waits for a person"), run.err());
    }

    private String startAndAwaitApproval(String name) {
        String input = "{\"mode\":\"failover\",\"from\":\"us-east-1\",\"to\":\"eu-west-1\",\"reason\":\"test\",\"incidentId\":\"" + name + "\"}";
        String execution = harness.start(STANDBY, machine, name, input);
        Poll.until(Duration.ofSeconds(60), () -> harness.statesEntered(STANDBY, execution),
                states -> states.contains("AwaitApproval") && harness.history(STANDBY, execution).stream()
                        .anyMatch(e -> e.taskScheduledEventDetails() != null && e.taskScheduledEventDetails().parameters().contains("taskToken")));
        return execution;
    }

    private JsonNode runRecord(String executionArn) {
        Map<String, AttributeValue> item = Poll.until(Duration.ofSeconds(60), () -> app.clients().get(DYNAMODB, STANDBY).getItem(r -> r
                .tableName(app.names().stateTable())
                .key(Map.of("pk", AttributeValue.fromS("run#" + app.names().application() + "#" + executionArn)))).item(), i -> !i.isEmpty());
        try {
            return new ObjectMapper().readTree(item.get("record").s());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String endpoint() {
        return harness.moto().endpoint().toString();
    }

    private static String last(java.util.List<String> states) {
        return states.get(states.size() - 1);
    }
}
