package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.database.Fencing;
import dev.crossfade.functions.workflow.database.Promotion;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import dev.crossfade.local.testutils.InjectedFault;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.SeedInMoto;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.rds.model.ModifyDbParameterGroupRequest;

class FencingTest extends SeedInMoto {

    @Test
    void reachableOldPrimary_shouldLoseItsTrafficAndRefuseWrites() {
        Fencing.Result result = new Fencing(app.clients(), app.config()).fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertTrue(result.routingFenced() && result.writesFenced(), result.toString());
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals("on", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
    }

    @Test
    void unreachableOldPrimary_shouldSkipEveryActionAndRecordWhyWithoutFailing() {
        Fencing fencing = new Fencing(app.clients(Set.of(PRIMARY)), app.config());

        Fencing.Result result = fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertFalse(result.routingFenced() || result.writesFenced(), result.toString());
        assertEquals(2, result.skipped().size(), result.skipped().toString());
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "the emulated old region was never reached");
    }

    /**
     * Issue 13 / chaos finding 1: an unreachable old primary's own routing control cannot be switched
     * off, and still reads "on" when the region comes back. On main before the veto nothing kept it
     * out of DNS; now the run vetoes it in its veto holder (eu-west-1 for us-east-1 in the seed).
     */
    @Test
    void unreachableOldPrimary_shouldBeVetoedInItsHolder_andTheRollbackShouldLiftTheVeto() {
        Fencing fencing = new Fencing(app.clients(Set.of(PRIMARY)), app.config());
        RoutingVeto veto = new RoutingVeto(app.clients(), app.config());

        Fencing.Result result = fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals(STANDBY, result.vetoedIn(), result.toString());
        assertEquals(Optional.of(1.0), veto.read(PRIMARY));
        assertFalse(app.vetoCheck(PRIMARY, 1).orElseThrow().healthy(java.time.Instant.now().plusSeconds(5)),
                "the serving check's veto child holds the region out");

        fencing.unfence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        // the minute's Maximum still holds the 1 (the alarm lifts the veto from the next minute); its Minimum shows the 0
        assertEquals(Optional.of(0.0), veto.readLowest(PRIMARY));
    }

    @Test
    void reachableOldPrimary_shouldNotBeVetoed() {
        Fencing.Result result = new Fencing(app.clients(), app.config()).fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals("", result.vetoedIn());
        assertEquals(Optional.empty(), new RoutingVeto(app.clients(), app.config()).read(PRIMARY));
    }

    @Test
    void unfenceAfterFence_shouldGiveTrafficAndWritesBack() {
        Fencing fencing = new Fencing(app.clients(), app.config());
        fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        fencing.unfence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals("off", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY));
    }

    @Test
    void throttledRoutingControl_shouldBeThrownForTheStateMachineToRetryNotSkipped() {
        InjectedFault throttle = InjectedFault.throttle(PutMetricDataRequest.class, 1);
        Fencing fencing = new Fencing(app.clients(Set.of(), List.of(throttle)), app.config());

        TransientAwsException thrown = assertThrows(TransientAwsException.class,
                () -> fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1")));

        assertTrue(thrown.getMessage().contains("routing control of " + PRIMARY), thrown.getMessage());
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "not fenced yet: the retry will");
    }

    /** Issue 13, defect 3: an AccessDenied used to be recorded as "skipped" and the run promoted unfenced. */
    @Test
    void refusedWriteFence_shouldStopTheRunNotBeSkipped() {
        InjectedFault denied = InjectedFault.refuse(ModifyDbParameterGroupRequest.class, "AccessDenied");
        Fencing fencing = new Fencing(app.clients(Set.of(), List.of(denied)), app.config());

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1")));

        assertEquals("dev.crossfade.functions.workflow.FencingFailedException", thrown.getClass().getName(), thrown.toString());
        assertTrue(thrown.getMessage().contains("AccessDenied"), thrown.getMessage());
    }

    /** Issue 13, defect 3: one endpoint answering and the other not is no proof the old primary is gone. */
    @Test
    void oldRegionHalfReachable_shouldStopTheRunNotPromoteUnfenced() {
        InjectedFault refused = InjectedFault.unreachable(ModifyDbParameterGroupRequest.class);
        Fencing fencing = new Fencing(app.clients(Set.of(), List.of(refused)), app.config());

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1")));

        assertEquals("dev.crossfade.functions.workflow.FencingFailedException", thrown.getClass().getName(), thrown.toString());
        assertTrue(thrown.getMessage().contains("not confirmed unreachable"), thrown.getMessage());
    }

    @Test
    void unfenceAfterTheTargetWasPromoted_shouldKeepTheFenceAndSayTheTargetIsTheWriter() {
        StepInput failover = Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1");
        Fencing fencing = new Fencing(app.clients(), app.config());
        fencing.fence(failover);
        new Promotion(app.clients(), app.config()).start(failover);

        Fencing.Result result = fencing.unfence(failover);

        assertTrue(result.targetPromoted(), result.toString());
        assertTrue(result.skipped().getFirst().contains("already a standalone writer"), result.toString());
        assertEquals("on", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER), "the old primary still refuses writes");
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
    }
}
