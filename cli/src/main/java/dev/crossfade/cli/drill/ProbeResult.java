package dev.crossfade.cli.drill;

import java.time.Instant;

/**
 * One health probe, for the timeline.
 *
 * @param atMillis      measured wall-clock milliseconds since the drill started
 * @param simulatedTime the same moment on the drill's time-scaled clock (see {@link DrillClock})
 * @param outcome       the HTTP status, or what went wrong ("connection refused", "timeout")
 */
public record ProbeResult(long atMillis, Instant simulatedTime, String region, boolean ok,
                          double latencyMillis, String outcome) {}
