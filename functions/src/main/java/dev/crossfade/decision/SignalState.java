package dev.crossfade.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last known state of one signal.
 *
 * @param since    when the signal entered {@code state} (a repeated event keeps the first time,
 *                 so duplicates never restart the dwell)
 * @param previous the state before, to apply hysteresis when a signal leaves ALARM
 */
public record SignalState(AlarmState state, Instant since, Optional<AlarmState> previous) {

    public SignalState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        previous = previous == null ? Optional.empty() : previous;
    }

    /** This signal after an event; a stale event (older than what we know) changes nothing. */
    public SignalState apply(AlarmState next, Instant at) {
        if (next == state || at.isBefore(since)) {
            return this;
        }
        return new SignalState(next, at, Optional.of(state));
    }

    boolean recentlyRecovered(Instant now, FailoverPolicy policy) {
        return state != AlarmState.ALARM && previous.filter(p -> p == AlarmState.ALARM).isPresent()
                && since.plus(policy.recovery()).isAfter(now);
    }
}
