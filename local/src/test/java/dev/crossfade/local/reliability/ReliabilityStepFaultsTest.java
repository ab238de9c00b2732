package dev.crossfade.local.reliability;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The reliability suite's transient faults at every step, and its three-region scenarios (a
 * standby that is down, a second incident): the half of {@link ReliabilitySuiteTest}'s scenarios
 * that waits longest, in a class of its own so that the other surefire fork runs the rest.
 */
class ReliabilityStepFaultsTest extends ReliabilityLab {

    /**
     * The handlers a failover runs, by function key; RecordRun and ReleaseLock also run on the abort
     * path. FenceOldPrimary has its own scenario below, for every fault kind (the finding there).
     */
    private static final List<String> STEPS = List.of("AcquireLock", "CheckPreflight", "ScaleTarget", "PromoteDatabase",
            "CheckPromotion", "ShiftTraffic", "PinTraffic", "VerifyTarget", "RecordRun", "ReleaseLock");

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
        check(End.FAILED_OVER);
        app.setReplicaLag(Seed.THIRD, 0);
        dns.fail(STANDBY);
        app.setHealthy(STANDBY, false);

        DescribeExecutionResponse second = harness.run(Seed.THIRD, machines.get(Seed.THIRD),
                "inc-2", Inputs.of("failover", STANDBY, Seed.THIRD, "inc-2"));

        assertEquals(ExecutionStatus.SUCCEEDED, second.status(), second::toString);
        assertEquals(1, mutations.mutations().stream().filter(m -> m.action().equals("PromoteReadReplica") && m.region().equals(Seed.THIRD)).count());
        check(STANDBY, Seed.THIRD, End.FAILED_OVER);
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
        DescribeExecutionResponse refused = harness.run(Seed.THIRD, machines.get(Seed.THIRD),
                "inc-1", Inputs.of("failover", PRIMARY, Seed.THIRD, "inc-1"));
        assertEquals(TargetUnhealthyException.class.getName(), refused.error(), refused::toString);
        check(PRIMARY, Seed.THIRD, End.UNTOUCHED);
        // then ap-south-1 goes down altogether (its AWS endpoints too), and us-east-1's app fails
        current.set(WorkflowHarness.handlers(app.clients(Set.of(Seed.THIRD), List.of(mutations)), app.config()));
        String inEu = machines.get(STANDBY);
        dns.fail(PRIMARY);
        app.setHealthy(PRIMARY, false);

        DescribeExecutionResponse run = harness.run(STANDBY, inEu, "inc-2", Inputs.of("failover", PRIMARY, STANDBY, "inc-2"));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), run::toString);
        check(End.FAILED_OVER);
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
        handlers.put(step, handlers(app.config(), fault).get(step));

        DescribeExecutionResponse run = failover(handlers);

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.error() + ": " + run.cause() + " " + harness.statesEntered(STANDBY, run.executionArn()));
        assertEquals(1, fault.injected(), "the fault reached " + step);
        assertTrue(fault.calls() > 1, step + " called AWS again after the fault");
        check(End.FAILED_OVER);
    }
}
