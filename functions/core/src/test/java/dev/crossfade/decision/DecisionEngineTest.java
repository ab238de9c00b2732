package dev.crossfade.decision;

import static dev.crossfade.testutils.DetectionSamples.eventBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Decision.Action;
import dev.crossfade.testutils.DetectionSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionEngineTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final DecisionEngine engine = new DecisionEngine();

    private DecisionEngine.Outcome decide(Deployment d, DetectorState s, String event, Instant now) {
        return engine.evaluate(d, s, new EventParser(d).parse(eventBytes(event)), now);
    }

    @Test
    void primaryAlarm_quorumOneNoDwell_shouldFailOverToPriorityTwo() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = decide(d, DetectorState.empty(), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertEquals(Optional.of("us-east-1"), o.decision().from());
        assertEquals(Optional.of("eu-west-1"), o.decision().to());
        assertTrue(o.decision().executionName().orElseThrow().matches("us-east-1-to-eu-west-1-\\d+"));
        assertEquals(java.util.List.of("eu-west-1"), o.state().regionsInTraffic());
        assertEquals(Optional.of(T0), o.state().lastExecutionAt());
    }

    static Stream<Path> malformed() {
        return DetectionSamples.malformedEvents().stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEvent_shouldDecideNoneWithReason_andKeepState(Path file) throws IOException {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState prior = DetectionSamples.state("primary-alb-5xx-held.json");

        DecisionEngine.Outcome o = engine.evaluate(d, prior, new EventParser(d).parse(Files.readAllBytes(file)), T0);

        assertEquals(Action.NONE, o.decision().action());
        assertFalse(o.decision().reason().isBlank());
        assertEquals(prior, o.state());
    }

    @Test
    void priorityTwoUnhealthy_shouldFailOverToPriorityThree() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = decide(d, DetectionSamples.state("target-unhealthy.json"), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertEquals(Optional.of("ap-southeast-2"), o.decision().to());
    }

    @Test
    void everyOtherRegionUnhealthy_shouldKeepPrimaryInTraffic() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState s = DetectionSamples.state("target-unhealthy.json")
                .withSignal("ap-southeast-2", "canary@eu-west-1", AlarmState.ALARM, T0.minusSeconds(5));

        DecisionEngine.Outcome o = decide(d, s, "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.NONE, o.decision().action());
        assertTrue(o.decision().reason().contains("never zero regions"), o.decision().reason());
        assertEquals(java.util.List.of("us-east-1"), o.state().traffic(d));
    }

    @Test
    void quorumTwo_oneSignal_shouldWait_thenSecondSignalAfterDwell_shouldFailOver() {
        Deployment d = DetectionSamples.seedQuorumTwo();

        DecisionEngine.Outcome one = decide(d, DetectorState.empty(), "alarm-primary-alb-5xx.json", T0);
        DecisionEngine.Outcome two = decide(d, one.state(), "canary-alarm-us-east-1-from-eu-west-1.json", T0.plusSeconds(40));
        DecisionEngine.Outcome tick = engine.evaluate(d, two.state(), new DetectorEvent.Tick(T0.plusSeconds(101)), T0.plusSeconds(101));

        assertEquals(Action.NONE, one.decision().action());
        assertTrue(one.decision().reason().contains("1 of 2"), one.decision().reason());
        assertEquals(Action.NONE, two.decision().action());
        assertTrue(two.decision().reason().contains("dwell"), two.decision().reason());
        assertEquals(Action.FAILOVER, tick.decision().action(), tick.decision().reason());
    }

    @Test
    void duplicateEvent_shouldNotStartSecondExecution() {
        Deployment d = DetectionSamples.threeRegions();
        DecisionEngine.Outcome first = decide(d, DetectorState.empty(), "alarm-primary-alb-5xx.json", T0);

        DecisionEngine.Outcome again = decide(d, first.state(), "alarm-primary-alb-5xx.json", T0.plusSeconds(1));

        assertEquals(Action.NONE, again.decision().action());
    }

    @Test
    void newRegionFailingAfterRecoveryAndCooldown_shouldStartSecondExecutionWithNewName() {
        Deployment d = DetectionSamples.threeRegions();
        DecisionEngine.Outcome first = decide(d, DetectorState.empty(), "alarm-primary-alb-5xx.json", T0);
        Instant later = T0.plusSeconds(31 * 60);
        DetectorState recovered = first.state().withSignal("us-east-1", "alb-5xx@us-east-1", AlarmState.OK, T0.plusSeconds(120));

        DecisionEngine.Outcome second = engine.evaluate(d, recovered,
                new DetectorEvent.AlarmChange("shop-prod-eu-west-1-canary", "eu-west-1", "canary", "ap-southeast-2", AlarmState.ALARM, later), later);

        assertEquals(Action.FAILOVER, second.decision().action(), second.decision().reason());
        assertEquals(Optional.of("us-east-1"), second.decision().to());
        assertFalse(second.decision().executionName().equals(first.decision().executionName()));
        assertFalse(second.decision().incidentId().equals(first.decision().incidentId()));
    }

    @Test
    void openIncident_shouldAnswerNoneNamingTheIncident() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = decide(d, DetectionSamples.state("incident-open.json"), "health-check-alarm-us-east-1.json", T0);

        assertEquals(Action.NONE, o.decision().action());
        assertTrue(o.decision().reason().contains("not taking traffic") || o.decision().reason().contains("incident"), o.decision().reason());
    }

    @Test
    void withinCooldown_shouldAnswerNone() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = decide(d, DetectionSamples.state("cooldown-active.json"), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.NONE, o.decision().action());
        assertTrue(o.decision().reason().contains("cooldown"), o.decision().reason());
    }

    @Test
    void monitorMode_shouldNotifyOnlyWithoutExecution() {
        Deployment d = monitor(DetectionSamples.threeRegions());

        DecisionEngine.Outcome o = decide(d, DetectorState.empty(), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.NOTIFY_ONLY, o.decision().action());
        assertEquals(Optional.empty(), o.decision().executionName());
        assertEquals(Optional.of("eu-west-1"), o.decision().to());
        assertEquals(java.util.List.of("us-east-1"), o.state().traffic(d));
        assertEquals(Optional.empty(), o.state().lastExecutionAt());
    }

    @Test
    void lagAboveBudgetWithApproval_shouldNotifyAwaitingApproval() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = decide(d, DetectionSamples.state("target-lag-above-budget.json"), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.NOTIFY_ONLY, o.decision().action());
        assertTrue(o.decision().approvalRequired());
        assertEquals(Optional.empty(), o.decision().executionName());
    }

    @Test
    void lagAboveBudgetWithoutApproval_shouldAbort() {
        Deployment base = DetectionSamples.threeRegions();
        FailoverPolicy p = base.policy();
        Deployment d = DetectionSamples.withPolicy(base, new FailoverPolicy(true, p.rpoBudgetSeconds(), 1, 0, 30, false));

        DecisionEngine.Outcome o = decide(d, DetectionSamples.state("target-lag-above-budget.json"), "alarm-primary-alb-5xx.json", T0);

        assertEquals(Action.NONE, o.decision().action());
        assertTrue(o.decision().reason().contains("RPO budget"), o.decision().reason());
    }

    @Test
    void targetRecoveredMomentsAgo_shouldNotBeChosen_hysteresis() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState s = DetectorState.empty()
                .withSignal("eu-west-1", "alb-5xx@eu-west-1", AlarmState.ALARM, T0.minusSeconds(300))
                .withSignal("eu-west-1", "alb-5xx@eu-west-1", AlarmState.OK, T0.minusSeconds(10));

        DecisionEngine.Outcome o = decide(d, s, "alarm-primary-alb-5xx.json", T0);

        assertEquals(Optional.of("ap-southeast-2"), o.decision().to());
    }

    @Test
    void tickWithAlarmReadDirectly_shouldApplyItLikeAnEvent() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorEvent.AlarmChange seen = new DetectorEvent.AlarmChange("shop-prod-us-east-1-canary", "us-east-1", "canary",
                "eu-west-1", AlarmState.ALARM, T0.minusSeconds(30));

        DecisionEngine.Outcome o = engine.evaluate(d, DetectorState.empty(), new DetectorEvent.Tick(T0, java.util.List.of(seen)), T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertEquals(AlarmState.ALARM, o.state().signalsOf("us-east-1").get("canary@eu-west-1").state());
    }

    @Test
    void okAndInsufficientData_shouldDecideNone() {
        Deployment d = DetectionSamples.threeRegions();

        assertEquals(Action.NONE, decide(d, DetectorState.empty(), "ok-primary-alb-5xx.json", T0).decision().action());
        assertEquals(Action.NONE, decide(d, DetectorState.empty(), "insufficient-data-primary-unhealthy-targets.json", T0).decision().action());
    }

    private static Deployment monitor(Deployment d) {
        FailoverPolicy p = d.policy();
        return DetectionSamples.withPolicy(d, new FailoverPolicy(false, p.rpoBudgetSeconds(), p.quorum(), p.dwellSeconds(),
                p.cooldownMinutes(), p.approvalForDataLoss()));
    }
}
