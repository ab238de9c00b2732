package dev.crossfade.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * One replica-lag reading of a region's replica: the value and when it was read. A reading
 * older than {@link Freshness#MAX_LAG_AGE} (or dated ahead of the clock) is expired: the lag is
 * then unknown, never the old value.
 */
public record LagReading(double seconds, Instant readAt) {

    public LagReading {
        Objects.requireNonNull(readAt, "readAt");
    }

    /** Usable at {@code now}: not older than the maximum age and not from the future. */
    public boolean freshAt(Instant now) {
        return !readAt.isBefore(now.minus(Freshness.MAX_LAG_AGE)) && !Freshness.inTheFuture(readAt, now);
    }
}
