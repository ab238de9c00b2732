package dev.crossfade.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How old or how far ahead a time may be before the detector stops trusting it
 * (docs/detection.md "Time and reading ages"). Clocks in AWS are synchronized well within a
 * second, and EventBridge normally delivers within seconds; these bounds leave generous room
 * for both while ensuring that no single wrongly dated event can freeze a signal or skip a dwell.
 */
public final class Freshness {

    /** An event or a state time further ahead of the detector's clock than this is ignored. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);
    /** An alarm event whose transition is older than this is ignored (the schedule's DescribeAlarms repairs it). */
    public static final Duration MAX_EVENT_AGE = Duration.ofMinutes(15);
    /** A replica-lag reading older than this is expired: the lag counts as unknown. */
    public static final Duration MAX_LAG_AGE = Duration.ofMinutes(2);

    private Freshness() {}

    /** True when {@code t} lies beyond the allowed skew ahead of {@code now}. */
    public static boolean inTheFuture(Instant t, Instant now) {
        return t.isAfter(now.plus(MAX_CLOCK_SKEW));
    }

    /** Why an alarm event dated {@code at} is not trusted at {@code now}, or empty when it is. */
    public static Optional<String> untrustedEventTime(Instant at, Instant now) {
        if (inTheFuture(at, now)) {
            return Optional.of("its time " + at + " is " + Duration.between(now, at).toSeconds() + " s ahead of the detector's clock ("
                    + now + "), beyond the allowed skew of " + MAX_CLOCK_SKEW.toSeconds() + " s; ignored");
        }
        if (at.isBefore(now.minus(MAX_EVENT_AGE))) {
            return Optional.of("its time " + at + " is " + Duration.between(at, now).toSeconds() + " s old at " + now
                    + ", older than the bound of " + MAX_EVENT_AGE.toSeconds() + " s for an alarm event; ignored"
                    + " (the scheduled evaluation reads the alarm's current state)");
        }
        return Optional.empty();
    }
}
