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

    /**
     * This signal after an event at {@code at}, evaluated at {@code now}; a stale event (older than
     * what we know) changes nothing. A known time beyond the allowed skew ahead of {@code now}
     * (written before times were checked, or by hand) is not trusted: the event replaces it, so
     * that no wrongly dated record freezes the signal.
     */
    public SignalState apply(AlarmState next, Instant at, Instant now) {
        if (Freshness.inTheFuture(since, now)) {
            return next == state ? new SignalState(state, at, previous) : new SignalState(next, at, Optional.of(state));
        }
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
