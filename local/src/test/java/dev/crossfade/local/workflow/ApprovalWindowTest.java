package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.AslRetryIntervals;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.PendingApproval;
import dev.crossfade.local.testutils.RunRecords;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.WorkflowLab;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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

            DescribeExecutionResponse run = harness.run(STANDBY, machine, "inc-timeout", Inputs.json(FAILOVER));

            assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
            // the execution's own error is the Fail state's; moto refuses a "States." name there (docs/emulation.md)
            assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("MarkAborted"));
            JsonNode record = RunRecords.read(app, STANDBY, run.executionArn());
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
        PendingApproval pending = PendingApproval.start(harness, app, STANDBY,
                WorkflowHarness.handlers(app.clients(), app.config(true)), "inc-approved", Inputs.json(FAILOVER));

        pending.approve("{\"approvedBy\":\"alice\",\"reason\":\"region gone, 42 s accepted\",\"approvedAt\":\"2026-01-01T00:00:00Z\"}");
        DescribeExecutionResponse run = pending.awaitEnd();

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        JsonNode approval = RunRecords.read(app, STANDBY, run.executionArn()).path("approval");
        assertEquals("alice", approval.path("approvedBy").asText());
        assertEquals("region gone, 42 s accepted", approval.path("reason").asText());
    }
}
