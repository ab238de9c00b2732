package dev.crossfade.local.reliability;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.ReplicaCatchingUpException;
import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.VerificationPendingException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.StepHooks;
import dev.crossfade.local.testutils.Trees;
import dev.crossfade.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The reliability suite's changes in the middle of a run: a topology deployed over a running
 * execution, the target failing after promotion, a lag spike after preflight, the emulator
 * restarting and the target region's endpoints going away, and Aurora under a fault. Same
 * harness and {@link Invariants} as {@link ReliabilitySuiteTest}, its own moto (one scenario
 * restarts it), no DNS; {@link ScenarioTally} counts both classes in one line.
 */
class ReliabilitySuiteMidRunTest extends ReliabilityFixture {

    private static final String SWITCHOVER = "switchover-us-east-1-to-eu-west-1.json";

    // --- the topology changed mid-incident: each function reads the config its last deploy gave it

    @Test
    void targetDisabledBetweenDecisionAndRun_shouldAbortUntouched() {
        Topology v2 = Seed.withRegionDisabled(app.topology(), STANDBY);

        DescribeExecutionResponse run = failover(handlers(app.config(v2, false)));

        assertEquals(IllegalArgumentException.class.getName(), run.error(), run::toString);
        assertTrue(run.cause().contains("'eu-west-1' is not an enabled region"), run::cause);
        assertEquals(0, count("PromoteReadReplica"));
        check(End.UNTOUCHED);
    }

    @Test
    void rpoBudgetLoweredBetweenDecisionAndRun_shouldAbortOnTheNewBudget() {
        app.setReplicaLag(STANDBY, 3);
        Topology v2 = Seed.withRpoBudget(app.topology(), 1);

        DescribeExecutionResponse run = failover(handlers(app.config(v2, false)));

        assertEquals(ReplicaLagExceededException.class.getName(), run.error(), run::toString);
        assertTrue(run.cause().contains("RPO budget of 1 s"), run::cause);
        check(End.UNTOUCHED);
    }

    @Test
    void targetDisabledByADeployBeforePromotion_shouldUndoTheFenceAndAbort() {
        Topology v2 = Seed.withRegionDisabled(app.topology(), STANDBY);

        DescribeExecutionResponse run = failover(deployedAfter("FenceOldPrimary", app.config(), app.config(v2, false)));

        assertEquals(IllegalArgumentException.class.getName(), run.error(), run::toString);
        assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("UnfenceOldPrimary"));
        assertEquals(0, count("PromoteReadReplica"));
        check(End.UNTOUCHED);
    }

    /**
     * Found by this suite (with the next scenario): any error at CheckPromotion, after
     * PromoteReadReplica was called, used to be caught into UnfenceOldPrimary, which turned the old
     * primary's writes and routing back on while the target stayed promoted: two writers. The
     * unfence now reads the target first. Here the deploy mid-run removed the target region, so the
     * target cannot even be read: nothing is unfenced and the run stops FAILED for an operator. The
     * accelerator dials were never moved (PinTraffic needs the target's configuration), so this is
     * not a complete failover: the shared invariants' end states do not apply, one writer does.
     */
    @Test
    void targetDisabledByADeployAfterPromotion_shouldKeepOneWriter() {
        Topology v2 = Seed.withRegionDisabled(app.topology(), STANDBY);

        DescribeExecutionResponse run = failover(deployedAfter("PromoteDatabase", app.config(), app.config(v2, false)));

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(1, count("PromoteReadReplica"));
        assertEquals(List.of(STANDBY), app.writerRegions());
        assertEquals("on", app.parameter(PRIMARY, EmulatedApplication.READ_ONLY_PARAMETER), "the old primary stays fenced");
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY), "the new writer's region takes traffic");
        assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("MarkFailed"));
    }

    /** The same without a topology change: CheckPromotion's function failing past its Lambda retries. */
    @Test
    void checkPromotionFailingAfterThePromotionStarted_shouldKeepOneWriter() {
        Map<String, Function<String, String>> handlers = handlers(app.config());
        WorkflowHarness.wrap(handlers, "CheckPromotion", real -> json -> {
            throw new IllegalStateException("CheckPromotion's function keeps failing");
        });

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.FAILED, run.status(), run::toString);
        assertEquals(1, count("PromoteReadReplica"));
        assertTrue(harness.statesEntered(STANDBY, run.executionArn()).containsAll(List.of("TargetPromotedAfterAll", "ShiftTraffic", "MarkFailed")));
        check(End.FAILED_OVER);
    }

    @Test
    void targetDisabledByADeployAfterTrafficShift_shouldStayFailedOverAndRecordFailed() {
        Topology v2 = Seed.withRegionDisabled(app.topology(), STANDBY);

        DescribeExecutionResponse run = failover(deployedAfter("ShiftTraffic", app.config(), app.config(v2, false)));

        assertEquals(IllegalArgumentException.class.getName(), run.error(), run::toString);
        assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("MarkFailed"));
        check(End.FAILED_OVER);
    }

    // --- the target turning unhealthy after promotion

    @Test
    void targetUnhealthyAtTheFirstVerification_shouldWaitThenSucceed() {
        AtomicInteger verifications = new AtomicInteger();
        Map<String, Function<String, String>> handlers = handlers(app.config());
        WorkflowHarness.wrap(handlers, "VerifyTarget", real -> json -> {
            boolean first = verifications.getAndIncrement() == 0;
            app.setHealthy(STANDBY, !first, first ? "new writer warming up" : "healthy");
            return real.apply(json);
        });

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(2, verifications.get(), "VerificationPendingException retried once");
        check(End.FAILED_OVER);
    }

    /** A promoted database cannot go back to replicating: the run stops FAILED for an operator, traffic on the new writer. */
    @Test
    void targetStaysUnhealthyAfterPromotion_shouldStopFailedWithOneWriterTakingTraffic() {
        Map<String, Function<String, String>> handlers = handlers(app.config());
        StepHooks.afterEach(handlers, "CheckPromotion", () -> app.setHealthy(STANDBY, false, "new writer failing"));
        String machine = harness.deployWorkflow(app, STANDBY, handlers,
                RetryBudget.shorten("VerifyTarget", VerificationPendingException.class.getName(), 2));

        DescribeExecutionResponse run = run(machine, "inc-1", FAILOVER);

        assertEquals(VerificationPendingException.class.getName(), run.error(), run::toString);
        assertTrue(harness.statesEntered(STANDBY, run.executionArn()).contains("MarkFailed"));
        assertEquals(List.of(STANDBY), app.writerRegions());
        check(End.FAILED_OVER);
    }

    // --- a replica lag spike during the run

    /** The RPO gate is the preflight's reading; an unplanned failover does not read the lag again. */
    @Test
    void lagSpikeAfterPreflightInAFailover_shouldFailOverOnThePreflightReading() {
        Map<String, Function<String, String>> handlers = handlers(app.config());
        StepHooks.afterEach(handlers, "CheckPreflight", () -> app.setReplicaLag(STANDBY, 42));

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertTrue(Trees.read(run.output()).path("preflight").path("lagSeconds").asDouble() <= 5, run::output);
        assertEquals(1, count("PromoteReadReplica"));
        check(End.FAILED_OVER);
    }

    @Test
    void lagSpikeAfterPreflightInASwitchover_shouldNeverPromoteALaggingReplica() {
        app.setReplicaLag(STANDBY, 0);
        Map<String, Function<String, String>> handlers = handlers(app.config());
        StepHooks.afterEach(handlers, "CheckPreflight", () -> app.setReplicaLag(STANDBY, 3));
        String machine = harness.deployWorkflow(app, STANDBY, handlers,
                RetryBudget.shorten("PromoteDatabase", ReplicaCatchingUpException.class.getName(), 2));

        DescribeExecutionResponse run = run(machine, "drill-1", SWITCHOVER);

        assertEquals(ReplicaCatchingUpException.class.getName(), run.error(), run::toString);
        assertEquals(0, count("PromoteReadReplica"));
        check(End.UNTOUCHED);
    }

    // --- Aurora under a fault

    @Test
    void auroraThrottledAtPromotion_shouldRetryAndMoveTheGlobalWriterOnce() {
        app = Seed.deployAurora(harness.moto());
        StepFault fault = new StepFault(StepFault.Kind.THROTTLING, 1);
        Map<String, Function<String, String>> handlers = handlers(app.config());
        handlers.put("PromoteDatabase", handlers(app.config(), fault).get("PromoteDatabase"));

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(1, fault.injected());
        assertEquals(1, count("FailoverGlobalCluster"));
        check(End.FAILED_OVER);
    }

    @Test
    void auroraCrashAfterTrafficShiftThenRerun_shouldFindTheWriterMovedAndFinishOnce() {
        app = Seed.deployAurora(harness.moto());
        Map<String, Function<String, String>> handlers = handlers(app.config());
        StepHooks.crashOnceAfter(handlers, "ShiftTraffic", "handler process died after shifting traffic");
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        assertEquals(ExecutionStatus.FAILED, run(machine, "inc-1", FAILOVER).status());

        DescribeExecutionResponse rerun = run(machine, "inc-1-rerun", FAILOVER);

        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        assertEquals("already-promoted", Trees.read(rerun.output()).path("promotion").path("action").asText());
        assertEquals(1, count("FailoverGlobalCluster"));
        check(End.FAILED_OVER);
    }

    // --- the emulator restarted, the region's endpoints gone for a while

    /**
     * moto hosts the interpreter, so its restart kills the execution and forgets every resource.
     * What AWS would have kept (SurvivingState) is written into a fresh deploy; the dead run's
     * lock survives with it and holds off reruns until an operator deletes it (docs/workflow.md).
     */
    @Test
    void emulatorRestartAfterPromotionThenRerun_shouldFinishWithOnePromotion() throws Exception {
        CompletableFuture<Void> promoted = new CompletableFuture<>();
        CompletableFuture<Void> restarted = new CompletableFuture<>();
        Map<String, Function<String, String>> handlers = handlers(app.config());
        WorkflowHarness.wrap(handlers, "PromoteDatabase", real -> json -> {
            String result = real.apply(json);
            promoted.complete(null);
            restarted.orTimeout(60, TimeUnit.SECONDS).join();
            return result;
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));
        promoted.get(60, TimeUnit.SECONDS);
        SurvivingState survived = SurvivingState.capture(app);

        harness.moto().restart();
        restarted.complete(null);
        assertEquals(List.of(), harness.sfn(STANDBY).listStateMachines().stateMachines(), "the execution died with the emulator");
        app = Seed.deployRds(harness.moto());
        survived.restore(app);
        String redeployed = harness.deployWorkflow(app, STANDBY, handlers(app.config()));
        DescribeExecutionResponse blocked = run(redeployed, "inc-1-rerun", FAILOVER);
        // the dead run held the lock in every region it reached (RunLock): the operator deletes it in each
        app.regions().forEach(region -> app.clients().get(DYNAMODB, region).deleteItem(r -> r.tableName(app.names().stateTable())
                .key(Map.of("pk", AttributeValue.fromS("lock#" + app.names().application())))));
        DescribeExecutionResponse rerun = run(redeployed, "inc-1-rerun-2", FAILOVER);

        assertEquals(LockHeldException.class.getName(), blocked.error(), blocked::toString);
        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        assertEquals("already-promoted", Trees.read(rerun.output()).path("promotion").path("action").asText());
        assertEquals(1, count("PromoteReadReplica"));
        check(End.FAILED_OVER);
    }

    @Test
    void targetRegionEndpointsGoneAfterPromotion_shouldRetryAndFailOverOnce() {
        RegionOutage outage = new RegionOutage(STANDBY);
        Map<String, Function<String, String>> handlers = handlers(app.config(), outage);
        StepHooks.afterEach(handlers, "PromoteDatabase", () -> outage.begin(2));

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run + " " + harness.statesEntered(STANDBY, run.executionArn()));
        assertEquals(2, outage.refused());
        assertEquals(1, count("PromoteReadReplica"));
        check(End.FAILED_OVER);
    }

    /**
     * The functions as a CloudFormation update leaves them during a run: on {@code v1} until
     * {@code step} has returned, on {@code v2} from the next step on.
     */
    private Map<String, Function<String, String>> deployedAfter(String step, WorkflowConfig v1, WorkflowConfig v2) {
        Map<String, Function<String, String>> before = handlers(v1);
        Map<String, Function<String, String>> after = handlers(v2);
        AtomicBoolean deployed = new AtomicBoolean();
        Map<String, Function<String, String>> live = new LinkedHashMap<>();
        before.keySet().forEach(key -> live.put(key, json -> (deployed.get() ? after : before).get(key).apply(json)));
        StepHooks.afterEach(live, step, () -> deployed.set(true));
        return live;
    }
}
