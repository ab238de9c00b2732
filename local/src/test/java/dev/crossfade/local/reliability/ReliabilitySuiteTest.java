package dev.crossfade.local.reliability;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.Approvals;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.Seed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Faults thrown at the real failover workflow (moto's Step Functions interpreter running
 * failover.asl.json, its tasks the real handlers), one moto shared and reset between scenarios;
 * each scenario ends with {@link Invariants#check}. Prints {@code scenarios: N passed, N failed}.
 */
@ExtendWith(ScenarioTally.class)
class ReliabilitySuiteTest {

    private static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";
    /**
     * The handlers a failover runs, by function key; RecordRun and ReleaseLock also run on the abort
     * path. FenceOldPrimary has its own scenario below, for every fault kind (the finding there).
     */
    private static final List<String> STEPS = List.of("AcquireLock", "CheckPreflight", "ScaleTarget", "PromoteDatabase",
            "CheckPromotion", "ShiftTraffic", "PinTraffic", "VerifyTarget", "RecordRun", "ReleaseLock");

    private static WorkflowHarness harness;
    private EmulatedApplication app;
    private MutationRecorder mutations;
    private LabDns dns;

    @BeforeAll
    static void startEmulator() {
        harness = new WorkflowHarness();
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @BeforeEach
    void deployApplication() {
        app = Seed.deployRds(harness.moto());
        mutations = new MutationRecorder();
        dns = new LabDns(app);
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    /** Deploys the three-region topology instead of the seed (moto is reset), with its DNS. */
    private void deployThreeRegions() {
        dns.close();
        app = Seed.deployThreeRegions(harness.moto());
        dns = new LabDns(app);
    }

    /**
     * Issue 13: a second incident after a failover, on three regions. us-east-1's app fails (its AWS
     * endpoints answer, so it is fenced); then the new writer eu-west-1 fails too. The second run
     * promotes ap-south-1, rebuilt from eu-west-1 by the first run, and clients resolve it.
     */
    @Test
    void threeRegions_secondIncidentAfterAFailover_shouldEndWithOneWriterAndDnsOnIt() {
        deployThreeRegions();
        Map<String, String> machines = new java.util.HashMap<>();
        app.regions().forEach(r -> machines.put(r, harness.deployWorkflow(app, r, handlers(false))));
        dns.fail(PRIMARY);
        app.setHealthy(PRIMARY, false);
        String first = harness.start(STANDBY, machines.get(STANDBY), "inc-1", Inputs.of("failover", PRIMARY, STANDBY, "inc-1"));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.awaitEnd(STANDBY, first).status());
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
        app.setReplicaLag(Seed.THIRD, 0);
        dns.fail(STANDBY);
        app.setHealthy(STANDBY, false);

        DescribeExecutionResponse second = harness.awaitEnd(Seed.THIRD, harness.start(Seed.THIRD, machines.get(Seed.THIRD),
                "inc-2", Inputs.of("failover", STANDBY, Seed.THIRD, "inc-2")));

        assertEquals(ExecutionStatus.SUCCEEDED, second.status(), second::toString);
        assertEquals(1, mutations.mutations().stream().filter(m -> m.action().equals("PromoteReadReplica") && m.region().equals(Seed.THIRD)).count());
        Invariants.check(app, harness, mutations, dns, STANDBY, Seed.THIRD, End.FAILED_OVER);
    }

    /**
     * Issue 13: a standby fails. A failover toward it is refused before any change; a failover to
     * the other standby goes on while the failed one cannot be reached (it is listed, not waited for).
     */
    @Test
    void threeRegions_standbyDown_shouldRefuseItAsATargetAndFailOverToTheOther() {
        deployThreeRegions();
        dns.fail(Seed.THIRD);
        app.setHealthy(Seed.THIRD, false);
        // the handlers' clients are switched below, when ap-south-1's AWS endpoints go too (one deploy per region)
        AtomicReference<Map<String, Function<String, String>>> current = new AtomicReference<>(handlers(false));
        Map<String, Function<String, String>> switching = new java.util.LinkedHashMap<>();
        current.get().keySet().forEach(key -> switching.put(key, json -> current.get().get(key).apply(json)));
        Map<String, String> machines = new java.util.HashMap<>();
        app.regions().forEach(r -> machines.put(r, harness.deployWorkflow(app, r, switching)));
        DescribeExecutionResponse refused = harness.awaitEnd(Seed.THIRD, harness.start(Seed.THIRD, machines.get(Seed.THIRD),
                "inc-1", Inputs.of("failover", PRIMARY, Seed.THIRD, "inc-1")));
        assertEquals(TargetUnhealthyException.class.getName(), refused.error(), refused::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, Seed.THIRD, End.UNTOUCHED);
        // then ap-south-1 goes down altogether (its AWS endpoints too), and us-east-1's app fails
        current.set(WorkflowHarness.handlers(app.clients(Set.of(Seed.THIRD), List.of(mutations)), app.config()));
        String inEu = machines.get(STANDBY);
        dns.fail(PRIMARY);
        app.setHealthy(PRIMARY, false);

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, inEu, "inc-2", Inputs.of("failover", PRIMARY, STANDBY, "inc-2")));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    /**
     * Each step with one fault kind, the kinds taking turns, so every kind reaches several steps
     * within the time budget; {@code -Dreliability.fullMatrix=true} runs every kind at every step.
     */
    static Stream<Arguments> faultAtEveryStep() {
        StepFault.Kind[] kinds = StepFault.Kind.values();
        if (Boolean.getBoolean("reliability.fullMatrix")) {
            return STEPS.stream().flatMap(step -> Stream.of(kinds).map(kind -> Arguments.of(step, kind)));
        }
        return java.util.stream.IntStream.range(0, STEPS.size()).mapToObj(i -> Arguments.of(STEPS.get(i), kinds[i % kinds.length]));
    }

    /**
     * Found by this suite: Fencing used to treat any failure as "region unreachable" and skip it, so
     * one throttled PutMetricData left the old primary's routing control ON after a SUCCEEDED
     * failover. Now only a refused connection is skipped; the rest reaches the state machine's Retry.
     */
    @ParameterizedTest(name = "{0} at FenceOldPrimary")
    @org.junit.jupiter.params.provider.EnumSource(StepFault.Kind.class)
    void transientFaultAtFencing_shouldBeRetriedAndFailOverOnce(StepFault.Kind kind) {
        transientFaultAtAStep_shouldBeRetriedAndFailOverOnce("FenceOldPrimary", kind);
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faultAtEveryStep")
    void transientFaultAtAStep_shouldBeRetriedAndFailOverOnce(String step, StepFault.Kind kind) {
        StepFault fault = new StepFault(kind, 1);
        Map<String, Function<String, String>> handlers = handlers(false);
        handlers.put(step, WorkflowHarness.handlers(app.clients(Set.of(), List.of(fault, mutations)), app.config()).get(step));
        String machine = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + ": " + run.cause() + " " + harness.statesEntered(STANDBY, run.executionArn()));
        assertEquals(1, fault.injected(), "the fault reached " + step);
        assertTrue(fault.calls() > 1, step + " called AWS again after the fault");
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    @Test
    void handlerCrashAfterTrafficShiftThenRerun_shouldFinishTheFailoverOnce() {
        AtomicBoolean crashed = new AtomicBoolean();
        Map<String, Function<String, String>> handlers = handlers(false);
        WorkflowHarness.wrap(handlers, "ShiftTraffic", real -> json -> {
            String result = real.apply(json);
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("handler process died after shifting traffic");
            }
            return result;
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        DescribeExecutionResponse crashedRun = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));
        assertEquals(ExecutionStatus.FAILED, crashedRun.status(), crashedRun::toString);

        DescribeExecutionResponse rerun = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1-rerun", Inputs.json(FAILOVER)));

        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        assertEquals(1, mutations.mutations().stream().filter(m -> m.action().equals("PromoteReadReplica")).count());
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    @Test
    void handlerCrashBeforePromotionThenRerun_shouldUndoTheFenceThenFailOver() {
        AtomicBoolean crashed = new AtomicBoolean();
        Map<String, Function<String, String>> handlers = handlers(false);
        WorkflowHarness.wrap(handlers, "PromoteDatabase", real -> json -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("handler process died before promoting");
            }
            return real.apply(json);
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        DescribeExecutionResponse crashedRun = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));
        assertEquals(ExecutionStatus.FAILED, crashedRun.status(), crashedRun::toString);
        assertEquals(End.UNTOUCHED, Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED));

        DescribeExecutionResponse rerun = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1-rerun", Inputs.json(FAILOVER)));

        assertEquals(ExecutionStatus.SUCCEEDED, rerun.status(), rerun::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    @Test
    void allRegionsUnhealthy_shouldNotFailOver() {
        app.setHealthy(PRIMARY, false);
        app.setHealthy(STANDBY, false);
        String machine = harness.deployWorkflow(app, STANDBY, handlers(false));

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));

        assertEquals(TargetUnhealthyException.class.getName(), run.error(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED);
    }

    @Test
    void targetTurnsUnhealthyAfterTheLockIsTaken_shouldAbortSafely() {
        Map<String, Function<String, String>> handlers = handlers(false);
        WorkflowHarness.wrap(handlers, "AcquireLock", real -> json -> {
            String result = real.apply(json);
            app.setHealthy(STANDBY, false, "target failing mid-failover");
            return result;
        });
        String machine = harness.deployWorkflow(app, STANDBY, handlers);

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));

        assertEquals(TargetUnhealthyException.class.getName(), run.error(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED);
    }

    @Test
    void replicaLagSpikeWithoutApproval_shouldAbortBeforeAnyMutation() {
        app.setReplicaLag(STANDBY, 42);
        String machine = harness.deployWorkflow(app, STANDBY, handlers(false));

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));

        assertEquals(ReplicaLagExceededException.class.getName(), run.error(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED);
    }

    @Test
    void replicaLagSpikeWithApprovalRefused_shouldStopWithNothingChanged() {
        app.setReplicaLag(STANDBY, 42);
        Map<String, Function<String, String>> handlers = handlers(true);
        AtomicReference<String> request = Approvals.capture(handlers);
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        String execution = harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER));
        String token = Approvals.awaitToken(request);

        harness.sfn(STANDBY).sendTaskFailure(r -> r.taskToken(token).error("ApprovalRefused").cause("too much data loss"));
        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, execution);

        assertEquals("ApprovalRefused", run.error(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED);
    }

    @Test
    void oldPrimaryComesBackAndFailbackIsAttemptedWhileItIsStale_shouldKeepOneWriter() {
        String inEu = harness.deployWorkflow(app, STANDBY, handlers(false));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.awaitEnd(STANDBY, harness.start(STANDBY, inEu, "inc-1", Inputs.json(FAILOVER))).status());
        app.setHealthy(PRIMARY, true, "old primary back");
        app.setReplicaLag(PRIMARY, 0);
        String inUs = harness.deployWorkflow(app, PRIMARY, handlers(false));

        DescribeExecutionResponse run = harness.awaitEnd(PRIMARY, harness.start(PRIMARY, inUs, "inc-1-failback",
                Inputs.json("failback-eu-west-1-to-us-east-1.json")));

        assertEquals(ReplicationNotReadyException.class.getName(), run.error(), run::toString);
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    @Test
    void secondExecutionOfTheSameIncidentWhileTheFirstHoldsTheLock_shouldStandDown() {
        app.setReplicaLag(STANDBY, 42);
        Map<String, Function<String, String>> handlers = handlers(true);
        AtomicReference<String> request = Approvals.capture(handlers);
        String machine = harness.deployWorkflow(app, STANDBY, handlers);
        String first = harness.start(STANDBY, machine, "inc-1-a", Inputs.json(FAILOVER));
        String token = Approvals.awaitToken(request);

        List<DescribeExecutionResponse> duplicates = new ArrayList<>();
        for (String name : List.of("inc-1-b", "inc-1-c", "inc-1-d")) {
            duplicates.add(harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, name, Inputs.json(FAILOVER))));
        }
        harness.sfn(STANDBY).sendTaskSuccess(r -> r.taskToken(token).output("{\"approvedBy\":\"on-call\"}"));
        assertEquals(ExecutionStatus.SUCCEEDED, harness.awaitEnd(STANDBY, first).status());

        duplicates.forEach(d -> assertEquals(LockHeldException.class.getName(), d.error(), d::toString));
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
    }

    @Test
    void dryRun_shouldMutateNothing() {
        String machine = harness.deployWorkflow(app, STANDBY, handlers(false));

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "drill-1",
                Inputs.json("dry-run-us-east-1-to-eu-west-1.json")));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        assertEquals(List.of(), mutations.mutations());
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.UNTOUCHED);
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
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, End.FAILED_OVER);
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
        Invariants.check(app, harness, mutations, dns, PRIMARY, STANDBY, runs.isEmpty() ? End.UNTOUCHED : End.FAILED_OVER);
    }

    /** The real handlers, every AWS call they make recorded. */
    private Map<String, Function<String, String>> handlers(boolean approvalForDataLoss) {
        List<ExecutionInterceptor> recording = List.of(mutations);
        return WorkflowHarness.handlers(app.clients(Set.of(), recording), app.config(approvalForDataLoss));
    }
}
