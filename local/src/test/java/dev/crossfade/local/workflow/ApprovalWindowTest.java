package dev.crossfade.local.workflow;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.Approvals;
import dev.crossfade.local.testutils.AslRetryIntervals;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.Trees;
import dev.crossfade.local.testutils.WorkflowLab;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The approval wait of the real ASL: its length comes from the definition substitution
 * ApprovalTimeoutSeconds (failover.approvalTimeoutMinutes), and the run record keeps who approved.
 */
@AslRetryIntervals
class ApprovalWindowTest extends WorkflowLab {

    private static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";

    @Test
    void nobodyAnswersWithinTheWindow_shouldStopSafelyWithATimeout() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        app.setReplicaLag(STANDBY, 42);
        harness.approvalTimeout(Duration.ofSeconds(2));
        try {
            String machine = harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config(true)));

            DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-timeout", Inputs.json(FAILOVER)));

            assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
            // the execution's own error is the Fail state's; moto refuses a "States." name there (docs/emulation.md)
            assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("MarkAborted"));
            JsonNode record = runRecord(app, run.executionArn());
            assertEquals("ABORTED", record.path("status").asText());
            assertEquals("States.Timeout", record.path("error").asText(), record::toString);
            assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "not promoted");
        } finally {
            harness.approvalTimeout(null);
        }
    }

    @Test
    void approved_shouldRecordWhoApprovedAndWhy() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        app.setReplicaLag(STANDBY, 42);
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), app.config(true));
        AtomicReference<String> request = Approvals.capture(handlers);
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        String execution = harness.start(STANDBY, machine, "inc-approved", Inputs.json(FAILOVER));

        String token = Approvals.awaitToken(request);
        harness.sfn(STANDBY).sendTaskSuccess(r -> r.taskToken(token)
                .output("{\"approvedBy\":\"alice\",\"reason\":\"region gone, 42 s accepted\",\"approvedAt\":\"2026-01-01T00:00:00Z\"}"));
        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, execution);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        JsonNode approval = runRecord(app, run.executionArn()).path("approval");
        assertEquals("alice", approval.path("approvedBy").asText());
        assertEquals("region gone, 42 s accepted", approval.path("reason").asText());
    }

    private static JsonNode runRecord(EmulatedApplication app, String executionArn) {
        Map<String, AttributeValue> item = app.clients().get(DYNAMODB, STANDBY).getItem(r -> r.tableName(Seed.NAMES.stateTable())
                .key(Map.of("pk", AttributeValue.fromS("run#" + Seed.APP + "#" + executionArn)))).item();
        assertFalse(item.isEmpty(), "no run record for " + executionArn);
        return Trees.read(item.get("record").s());
    }
}
