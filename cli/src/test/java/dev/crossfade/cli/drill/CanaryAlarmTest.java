package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.Topologies;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CanaryAlarmTest {

    private static final Instant T0 = Instant.parse("2026-11-22T02:00:00Z");

    private final CanaryAlarmSpec spec = CanaryAlarmSpec.of(Topologies.seed(), "us-east-1");
    private final CanaryAlarm alarm = new CanaryAlarm(spec, T0);

    @Test
    void newAlarm_shouldBeInsufficientData() {
        assertEquals("INSUFFICIENT_DATA", alarm.state().value());
        assertEquals("Unchecked: Initial alarm creation", alarm.state().reason());
    }

    @Test
    void primaryRegion_shouldBeWatchedFromTheStandbyUnderItsOwnName() {
        assertEquals("shop-prod-us-east-1-canary", spec.name());
        assertEquals("eu-west-1", spec.alarmRegion());
        assertEquals("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-us-east-1-canary", spec.arn());
        assertEquals("us-east-1", CanaryAlarmSpec.of(Topologies.seed(), "eu-west-1").alarmRegion());
    }

    @Test
    void topologyWithoutAccount_shouldUseMotoDefaultAccount() {
        assertEquals("123456789012", CanaryAlarmSpec.of(Topologies.activeActive(), "ap-south-1").account());
    }

    @Test
    void thresholdFailuresInARow_shouldAlarmOnlyOnTheLast() {
        feed(true, true, true);

        assertTrue(alarm.observe(T0.plusSeconds(40), false).isEmpty());
        assertTrue(alarm.observe(T0.plusSeconds(50), false).isEmpty());
        Optional<CanaryAlarm.Change> change = alarm.observe(T0.plusSeconds(60), false);

        assertEquals("OK", change.orElseThrow().previous().value());
        assertEquals("ALARM", change.orElseThrow().current().value());
        assertEquals(T0.plusSeconds(60), change.orElseThrow().current().timestamp());
    }

    @Test
    void successBetweenFailures_shouldResetTheStreakAndNotAlarm() {
        feed(true, true, true, false, false, true, false, false);

        assertEquals("OK", alarm.state().value());
        assertEquals(2, alarm.failingStreak());
    }

    @Test
    void alarmedRegion_shouldNeedThresholdSuccessesToRecover() {
        feed(true, true, true, false, false, false, true, true);
        assertEquals("ALARM", alarm.state().value());

        Optional<CanaryAlarm.Change> change = alarm.observe(T0.plusSeconds(100), true);

        assertEquals("ALARM", change.orElseThrow().previous().value());
        assertEquals("OK", change.orElseThrow().current().value());
        assertTrue(change.orElseThrow().current().reason().startsWith(
                "Threshold Crossed: 3 out of the last 3 datapoints were not less than the threshold (1.0)."),
                change.orElseThrow().current().reason());
    }

    @Test
    void alarmReason_shouldListDatapointsNewestFirstLikeCloudWatch() {
        feed(false, false);

        AlarmStateDetail state = alarm.observe(T0.plusSeconds(30), false).orElseThrow().current();

        assertEquals("Threshold Crossed: 3 out of the last 3 datapoints were less than the threshold (1.0). "
                + "The most recent datapoints which crossed the threshold: [0.0 (22/11/26 02:00:30), "
                + "0.0 (22/11/26 02:00:20), 0.0 (22/11/26 02:00:10)] (minimum 3 datapoints for OK -> ALARM transition).",
                state.reason());
        assertEquals("{\"version\":\"1.0\",\"queryDate\":\"2026-11-22T02:00:30.000+0000\","
                + "\"startDate\":\"2026-11-22T02:00:10.000+0000\",\"statistic\":\"Minimum\",\"period\":10,"
                + "\"recentDatapoints\":[0.0,0.0,0.0],\"threshold\":1.0}", state.reasonData());
    }

    @Test
    void thresholdOne_shouldUseTheSingleDatapointWording() {
        CanaryAlarmSpec one = new CanaryAlarmSpec("a-b-us-east-1-canary", "us-east-1", "eu-west-1", "1", 10, 1);
        CanaryAlarm single = new CanaryAlarm(one, T0);

        AlarmStateDetail state = single.observe(T0.plusSeconds(10), false).orElseThrow().current();

        assertEquals("Threshold Crossed: 1 out of the last 1 datapoints [0.0 (22/11/26 02:00:10)] was less than "
                + "the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).", state.reason());
    }

    private void feed(boolean... healthy) {
        for (int i = 0; i < healthy.length; i++) {
            alarm.observe(T0.plusSeconds(10L * (i + 1)), healthy[i]);
        }
    }
}
