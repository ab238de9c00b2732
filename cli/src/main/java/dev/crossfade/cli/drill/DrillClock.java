package dev.crossfade.cli.drill;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The drill's two time axes from one monotonic origin: wall-clock milliseconds since the drill
 * started (what the timeline measures), and a simulated wall clock that runs {@code timeScale}
 * times faster from the real start instant. Events carry simulated timestamps, so a consumer
 * that reasons in topology seconds (dwell, cooldown) sees 10 s between two 10 s probes even
 * when they were 1 s apart; pass this clock to such a consumer too.
 */
public final class DrillClock extends Clock {

    private final Instant origin;
    private final long originNanos;
    private final TimeScale scale;
    private final LongSupplier nanos;

    DrillClock(Instant origin, TimeScale scale, LongSupplier nanos) {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.scale = Objects.requireNonNull(scale, "scale");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.originNanos = nanos.getAsLong();
    }

    /** Starts now, on the system clock and {@link System#nanoTime()}. */
    public static DrillClock startNow(TimeScale scale) {
        return new DrillClock(Instant.now(), scale, System::nanoTime);
    }

    public TimeScale scale() { return scale; }

    /** The real (system clock) instant the drill started. */
    public Instant origin() { return origin; }

    /** Measured wall-clock milliseconds since the drill started. */
    public long elapsedMillis() {
        return (nanos.getAsLong() - originNanos) / 1_000_000L;
    }

    @Override
    public Instant instant() {
        long elapsedNanos = nanos.getAsLong() - originNanos;
        return origin.plusNanos(Math.round(elapsedNanos * scale.factor()));
    }

    @Override
    public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the drill clock is always UTC");
    }
}
