package dev.crossfade.cli.drill;

import java.util.Optional;

/**
 * What a probe did to its region's canary alarm, for live progress lines.
 *
 * @param change present when this probe moved the alarm (an event was emitted)
 */
public record ProbeObservation(ProbeResult result, CanaryAlarmSpec alarm, int failingStreak,
                               int passingStreak, String alarmState, Optional<CanaryAlarm.Change> change) {}
