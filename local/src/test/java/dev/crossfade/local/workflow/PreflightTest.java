package dev.crossfade.local.workflow;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.functions.workflow.database.Preflight;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.SeedInMoto;
import org.junit.jupiter.api.Test;

class PreflightTest extends SeedInMoto {

    @Test
    void healthyTargetWithLagWithinBudget_shouldPassWithTheMeasuredLag() {
        Preflight.Result result = new Preflight(app.clients(), app.config()).check(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals(1.0, result.lagSeconds());
        assertFalse(result.approvalNeeded());
    }

    @Test
    void unhealthyTarget_shouldThrowTargetUnhealthyNamingTheAlarm() {
        app.setHealthy(STANDBY, false);

        var e = assertThrows(TargetUnhealthyException.class, () -> new Preflight(app.clients(), app.config())
                .check(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1")));
        assertTrue(e.getMessage().contains(Seed.NAMES.healthAlarm(STANDBY)), e.getMessage());
    }

    @Test
    void lagAboveBudgetWithoutApproval_shouldThrowReplicaLagExceeded() {
        app.setReplicaLag(STANDBY, 42);

        var e = assertThrows(ReplicaLagExceededException.class, () -> new Preflight(app.clients(), app.config(false))
                .check(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1")));
        assertTrue(e.getMessage().contains("42.0 s") && e.getMessage().contains("5 s"), e.getMessage());
    }

    @Test
    void lagAboveBudgetWithApprovalConfigured_shouldAskForApproval() {
        app.setReplicaLag(STANDBY, 42);
        StepInput run = Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1");
        new RunLock(app.clients(), app.config(true), STANDBY).acquire(run);

        Preflight.Result result = new Preflight(app.clients(), app.config(true)).check(run);

        assertTrue(result.approvalNeeded());
        assertEquals(42.0, result.lagSeconds());
        long expiresAt = Long.parseLong(app.clients().get(DYNAMODB, STANDBY).getItem(r -> r.tableName(app.names().stateTable())
                .key(java.util.Map.of("pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("lock#" + app.names().application()))))
                .item().get("expiresAt").n());
        assertTrue(expiresAt >= java.time.Instant.now().plus(Preflight.APPROVAL_WAIT).getEpochSecond(),
                "the lock's lease covers the wait for a person: " + expiresAt);
    }

    @Test
    void lagAboveBudgetInPlannedSwitchover_shouldThrowEvenWithApproval() {
        app.setReplicaLag(STANDBY, 42);

        assertThrows(ReplicaLagExceededException.class, () -> new Preflight(app.clients(), app.config(true))
                .check(Inputs.step("switchover-us-east-1-to-eu-west-1.json", "e1")));
    }
}
