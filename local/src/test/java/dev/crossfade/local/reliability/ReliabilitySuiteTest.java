package dev.crossfade.local.reliability;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.PendingApproval;
import dev.crossfade.local.testutils.StepHooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Faults thrown at the real failover workflow (moto's Step Functions interpreter running
 * failover.asl.json, its tasks the real handlers), one moto shared and reset between scenarios;
 * each scenario ends with {@link Invariants#check}. Prints {@code scenarios: N passed, N failed}.
 */
class ReliabilitySuiteTest extends ReliabilityLab {

    @Test
    void handlerCrashAfterTrafficShiftThenRerun_shouldFinishTheFailoverOnce() {
        Map<String, Function<String, String>> handlers = handlers(false);
        StepHooks.crashOnceAfter(handlers, "ShiftTraffic", "handler process died after shifting traffic");
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        DescribeExecutionResponse crashedRun = run(machine, "inc-1", FAILOVER);
        assertEquals(ExecutionStatus.FAILED, crashedRun.status(), crashedRun::toString);

        DescribeExecutionResponse rerun = run(machine, "inc-1-rerun", FAILOVER);

        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        assertEquals(1, count("PromoteReadReplica"));
        check(End.FAILED_OVER);
    }

    @Test
    void handlerCrashBeforePromotionThenRerun_shouldUndoTheFenceThenFailOver() {
        Map<String, Function<String, String>> handlers = handlers(false);
        StepHooks.crashOnceBefore(handlers, "PromoteDatabase", "handler process died before promoting");
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        DescribeExecutionResponse crashedRun = run(machine, "inc-1", FAILOVER);
        assertEquals(ExecutionStatus.FAILED, crashedRun.status(), crashedRun::toString);
        assertEquals(End.UNTOUCHED, check(End.UNTOUCHED));

        DescribeExecutionResponse rerun = run(machine, "inc-1-rerun", FAILOVER);

        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        check(End.FAILED_OVER);
    }

    @Test
    void allRegionsUnhealthy_shouldNotFailOver() {
        app.setHealthy(PRIMARY, false);
        app.setHealthy(STANDBY, false);

        DescribeExecutionResponse run = failover(handlers(false));

        assertEquals(TargetUnhealthyException.class.getName(), run.error(), run::toString);
        check(End.UNTOUCHED);
    }

    @Test
    void targetTurnsUnhealthyAfterTheLockIsTaken_shouldAbortSafely() {
        Map<String, Function<String, String>> handlers = handlers(false);
        StepHooks.afterEach(handlers, "AcquireLock", () -> app.setHealthy(STANDBY, false, "target failing mid-failover"));

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(TargetUnhealthyException.class.getName(), run.error(), run::toString);
        check(End.UNTOUCHED);
    }

    @Test
    void replicaLagSpikeWithoutApproval_shouldAbortBeforeAnyMutation() {
        app.setReplicaLag(STANDBY, 42);

        DescribeExecutionResponse run = failover(handlers(false));

        assertEquals(ReplicaLagExceededException.class.getName(), run.error(), run::toString);
        check(End.UNTOUCHED);
    }

    @Test
    void replicaLagSpikeWithApprovalRefused_shouldStopWithNothingChanged() {
        app.setReplicaLag(STANDBY, 42);
        PendingApproval approval = PendingApproval.start(harness, app, STANDBY, handlers(true), "inc-1", Inputs.json(FAILOVER));

        approval.refuse("ApprovalRefused", "too much data loss");
        DescribeExecutionResponse run = approval.awaitEnd();

        assertEquals("ApprovalRefused", run.error(), run::toString);
        check(End.UNTOUCHED);
    }

    @Test
    void oldPrimaryComesBackAndFailbackIsAttemptedWhileItIsStale_shouldKeepOneWriter() {
        String inEu = harness.deployWorkflow(app, STANDBY, handlers(false));
        assertEquals(ExecutionStatus.SUCCEEDED, run(inEu, "inc-1", FAILOVER).status());
        app.setHealthy(PRIMARY, true, "old primary back");
        app.setReplicaLag(PRIMARY, 0);
        String inUs = harness.deployWorkflow(app, PRIMARY, handlers(false));

        DescribeExecutionResponse run = harness.run(PRIMARY, inUs, "inc-1-failback",
                Inputs.json("failback-eu-west-1-to-us-east-1.json"));

        assertEquals(ReplicationNotReadyException.class.getName(), run.error(), run::toString);
        check(End.FAILED_OVER);
    }

    @Test
    void secondExecutionOfTheSameIncidentWhileTheFirstHoldsTheLock_shouldStandDown() {
        app.setReplicaLag(STANDBY, 42);
        PendingApproval first = PendingApproval.start(harness, app, STANDBY, handlers(true), "inc-1-a", Inputs.json(FAILOVER));

        List<DescribeExecutionResponse> duplicates = new ArrayList<>();
        for (String name : List.of("inc-1-b", "inc-1-c", "inc-1-d")) {
            duplicates.add(run(first.machine(), name, FAILOVER));
        }
        first.approve("{\"approvedBy\":\"on-call\"}");
        assertEquals(ExecutionStatus.SUCCEEDED, first.awaitEnd().status());

        duplicates.forEach(d -> assertEquals(LockHeldException.class.getName(), d.error(), d::toString));
        check(End.FAILED_OVER);
    }

    @Test
    void dryRun_shouldMutateNothing() {
        String machine = harness.deployWorkflow(app, STANDBY, handlers(false));

        DescribeExecutionResponse run = run(machine, "drill-1", "dry-run-us-east-1-to-eu-west-1.json");

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(List.of(), mutations.mutations());
        check(End.UNTOUCHED);
    }

    @Test
    void hundredConcurrentIdenticalAlarms_shouldStartExactlyOneExecution() {
        app.regions().forEach(r -> harness.deployWorkflow(app, r, handlers(false)));
        DetectorRig detectors = new DetectorRig(app, 4, java.time.Instant.now());
        detectors.deliver(detectors.event("health-check-alarm-us-east-1.json"));
        detectors.deliver(detectors.event("alarm-primary-alb-5xx.json"));
        detectors.advance(Duration.ofSeconds(61));

        List<dev.crossfade.decision.Decision> decisions = detectors.deliverConcurrently(detectors.event("alarm-primary-alb-5xx.json"), 100, 8);

        // docs/detection.md "Idempotency": one winner per region's detector; both name the same execution
        List<dev.crossfade.decision.Decision> failovers = decisions.stream()
                .filter(d -> d.action() == dev.crossfade.decision.Decision.Action.FAILOVER).toList();
        assertTrue(!failovers.isEmpty() && failovers.size() <= app.regions().size(), failovers::toString);
        assertEquals(1, failovers.stream().map(d -> d.executionName().orElseThrow()).distinct().count(), failovers::toString);
        List<DescribeExecutionResponse> runs = Invariants.executions(app, harness);
        assertEquals(1, runs.size(), runs::toString);
        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, runs.getFirst().executionArn());
        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        check(End.FAILED_OVER);
    }

    @Test
    void flappingAlarm_shouldNeverStartMoreThanOneExecution() {
        app.regions().forEach(r -> harness.deployWorkflow(app, r, handlers(false)));
        DetectorRig detectors = new DetectorRig(app, 1, java.time.Instant.now());
        detectors.deliver(detectors.event("health-check-alarm-us-east-1.json"));
        List<dev.crossfade.decision.Decision> decisions = new ArrayList<>();
        for (int flip = 0; flip < 40; flip++) {
            String file = flip % 2 == 0 ? "alarm-primary-alb-5xx.json" : "ok-primary-alb-5xx.json";
            decisions.addAll(detectors.deliver(detectors.event(file)).values());
            detectors.advance(Duration.ofSeconds(5));
        }

        List<DescribeExecutionResponse> runs = Invariants.executions(app, harness);
        assertTrue(runs.size() <= 1, runs::toString);
        runs.forEach(r -> harness.awaitEnd(r.executionArn().split(":")[3], r.executionArn()));
        assertEquals(runs.size(), decisions.stream().filter(d -> d.action() == dev.crossfade.decision.Decision.Action.FAILOVER)
                .map(d -> d.executionName().orElseThrow()).distinct().count());
        check(runs.isEmpty() ? End.UNTOUCHED : End.FAILED_OVER);
    }
}
