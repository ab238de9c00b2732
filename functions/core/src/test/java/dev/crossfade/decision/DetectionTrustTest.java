package dev.crossfade.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Decision.Action;
import dev.crossfade.testutils.DetectionSamples;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: detection that never goes blind. Times are trusted only within documented bounds,
 * lag readings expire, and a composite alarm adds no vote over signals already counted
 * (docs/detection.md "Time and reading ages", "Independent votes").
 */
class DetectionTrustTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant Y2099 = Instant.parse("2099-01-01T00:00:00Z");
    private final DecisionEngine engine = new DecisionEngine();

    private static DetectorEvent.AlarmChange alarm(String region, String signal, String observer, AlarmState state, Instant at) {
        return new DetectorEvent.AlarmChange("shop-prod-" + region + "-" + signal, region, signal, observer, state, at);
    }

    // ---- defect 3: timestamps ------------------------------------------------------------------

    @Test
    void okDated2099_shouldBeIgnoredWithTheReason_andNotBlindTheSignal() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome future = engine.evaluate(d, DetectorState.empty(), alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.OK, Y2099), T0);
        DecisionEngine.Outcome real = engine.evaluate(d, future.state(),
                alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0.plusSeconds(60)), T0.plusSeconds(61));

        assertEquals(Action.NONE, future.decision().action());
        assertTrue(future.decision().reason().contains("ahead of the detector's clock"), future.decision().reason());
        assertEquals(DetectorState.empty(), future.state());
        assertEquals(Action.FAILOVER, real.decision().action(), real.decision().reason());
    }

    @Test
    void alarmDated2099OnTheStandby_shouldNotKeepItFromEverBeingTheTarget() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState s = engine.evaluate(d, DetectorState.empty(), alarm("eu-west-1", "alb-5xx", "eu-west-1", AlarmState.ALARM, Y2099), T0).state();

        DecisionEngine.Outcome o = engine.evaluate(d, s, alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0.plusSeconds(5)),
                T0.plusSeconds(5));

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertEquals(Optional.of("eu-west-1"), o.decision().to());
    }

    @Test
    void signalStoredWithATimeFarAhead_shouldBeReplacedByTheNextEvent_neverFrozen() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState frozen = DetectorState.empty().withSignal("us-east-1", "alb-5xx@us-east-1", AlarmState.OK, Y2099);

        DecisionEngine.Outcome o = engine.evaluate(d, frozen, alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0), T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
    }

    @Test
    void eventWithinTheSkew_shouldCountAsOfNow() {
        Deployment d = DetectionSamples.threeRegions();

        DecisionEngine.Outcome o = engine.evaluate(d, DetectorState.empty(),
                alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0.plus(Freshness.MAX_CLOCK_SKEW)), T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertEquals(T0, o.state().signalsOf("us-east-1").get("alb-5xx@us-east-1").since());
    }

    @Test
    void veryOldEvent_shouldBeIgnored_notGiveTheFullDwellAtOnce() {
        Deployment base = DetectionSamples.threeRegions();
        Deployment d = DetectionSamples.withPolicy(base, new FailoverPolicy(true, 5, 1, 300, 30, true));

        DecisionEngine.Outcome o = engine.evaluate(d, DetectorState.empty(),
                alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0.minusSeconds(7200)), T0);

        assertEquals(Action.NONE, o.decision().action());
        assertTrue(o.decision().reason().contains("older than the bound"), o.decision().reason());
        assertTrue(o.state().signalsOf("us-east-1").isEmpty());
    }

    @Test
    void alarmReadByDescribeAlarmsSinceLongAgo_shouldCountWithItsAge() {
        // DescribeAlarms reports the current state: an old transition time is its true age, not an old event
        Deployment d = DetectionSamples.withPolicy(DetectionSamples.threeRegions(), new FailoverPolicy(true, 5, 1, 300, 30, true));
        DetectorEvent.Tick tick = new DetectorEvent.Tick(T0, List.of(alarm("us-east-1", "canary", "eu-west-1", AlarmState.ALARM, T0.minusSeconds(7200))));

        assertEquals(Action.FAILOVER, engine.evaluate(d, DetectorState.empty(), tick, T0).decision().action());
    }

    // ---- defect 2: reading ages ----------------------------------------------------------------

    @Test
    void expiredLagReading_shouldCountAsUnknown_notBlockTheFailover() {
        Deployment d = DetectionSamples.withPolicy(DetectionSamples.threeRegions(), new FailoverPolicy(true, 5, 1, 0, 30, false));
        DetectorState old = DetectorState.empty().withReplicaLag("eu-west-1", 42.0, T0.minus(Freshness.MAX_LAG_AGE).minusSeconds(1));
        DetectorState fresh = DetectorState.empty().withReplicaLag("eu-west-1", 42.0, T0.minusSeconds(5));
        DetectorEvent event = alarm("us-east-1", "alb-5xx", "us-east-1", AlarmState.ALARM, T0);

        DecisionEngine.Outcome expired = engine.evaluate(d, old, event, T0);
        DecisionEngine.Outcome current = engine.evaluate(d, fresh, event, T0);

        assertEquals(Action.FAILOVER, expired.decision().action(), expired.decision().reason());
        assertTrue(expired.decision().reason().contains("replica lag unknown"), expired.decision().reason());
        assertEquals(Action.NONE, current.decision().action());
        assertTrue(current.decision().reason().contains("RPO budget"), current.decision().reason());
    }

    @Test
    void lagStateWithoutReadingTimes_shouldReadAsNoReading() {
        DetectorState s = StateJson.read("{\"replicaLagSeconds\": {\"eu-west-1\": 42.0}}");

        assertTrue(s.replicaLagSeconds().isEmpty());
    }

    // ---- defect 4: independent votes -----------------------------------------------------------

    @Test
    void compositeOverAnAlarmAlreadyCounted_shouldAddNoVote() {
        Deployment d = DetectionSamples.seedQuorumTwo(); // quorum 2, dwell 60 s
        DetectorState s = DetectorState.empty().withSignal("us-east-1", "alb-5xx@us-east-1", AlarmState.ALARM, T0.minusSeconds(300));

        DecisionEngine.Outcome composite = engine.evaluate(d, s, alarm("us-east-1", "composite", "us-east-1", AlarmState.ALARM, T0), T0);
        DecisionEngine.Outcome later = engine.evaluate(d, composite.state(), new DetectorEvent.Tick(T0.plusSeconds(120)), T0.plusSeconds(120));

        assertEquals(Action.NONE, later.decision().action(), later.decision().reason());
        assertTrue(later.decision().reason().contains("1 of 2"), later.decision().reason());
    }

    @Test
    void compositeAlone_shouldStandForItsInputs_andAnIndependentCanaryMakesTheQuorum() {
        Deployment d = DetectionSamples.seedQuorumTwo();
        DetectorState s = DetectorState.empty()
                .withSignal("us-east-1", "composite@us-east-1", AlarmState.ALARM, T0.minusSeconds(300))
                .withSignal("us-east-1", "canary@eu-west-1", AlarmState.ALARM, T0.minusSeconds(300));

        DecisionEngine.Outcome o = engine.evaluate(d, s, new DetectorEvent.Tick(T0), T0);

        assertEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
    }
}
