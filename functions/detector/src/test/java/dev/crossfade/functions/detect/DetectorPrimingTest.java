package dev.crossfade.functions.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.testutils.DetectionSamples;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The SnapStart hook's warm-up, which Lambda runs before the snapshot, runs here on a plain JVM (it needs no AWS client). */
class DetectorPrimingTest {

    private static final Instant T = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void syntheticAlarm_shouldBeAcceptedAsAnAlarmOfThePrimaryRegion() {
        Deployment d = DetectionSamples.threeRegions();

        DetectorEvent event = new EventParser(d).parse(new DetectorPriming(d).syntheticAlarm(T));

        DetectorEvent.AlarmChange alarm = assertInstanceOf(DetectorEvent.AlarmChange.class, event);
        assertEquals(d.primary().name(), alarm.watchedRegion());
    }

    @Test
    void warmUp_shouldTakeTheDecisionAnAlarmOnAnEmptyStateTakes() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorPriming priming = new DetectorPriming(d);
        Decision expected = new DecisionEngine().evaluate(d, DetectorState.empty(),
                new EventParser(d).parse(priming.syntheticAlarm(T)), T).decision();

        Decision warm = priming.warmUp();

        assertEquals(Decision.Action.FAILOVER, expected.action()); // the full path: incident, execution name, state
        assertEquals(expected.action(), warm.action());
        assertEquals(expected.from(), warm.from());
    }

    @Test
    void registration_shouldBeHarmlessOnAJvmWithoutCrac() {
        DetectorPriming priming = DetectorPriming.register(DetectionSamples.seed());

        assertNotNull(priming);
        priming.beforeCheckpoint(null);
        priming.afterRestore(null);
    }
}
