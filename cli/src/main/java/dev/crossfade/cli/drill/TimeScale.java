package dev.crossfade.cli.drill;

import java.time.Duration;

/**
 * How much faster than real time the local drill runs its waits. With factor 10, the topology's
 * 10 s health-check interval becomes 1 s of wall clock; a wall-clock span of a scaled wait is
 * worth {@code factor} times as much real-world time. Only waits driven by topology intervals
 * are scaled; work (API calls, promotions) runs at its own speed.
 */
public record TimeScale(double factor) {

    public static final TimeScale REAL_TIME = new TimeScale(1);

    public TimeScale {
        if (!(factor >= 1 && factor <= 10_000)) {
            throw new IllegalArgumentException("time scale must be between 1 and 10000, got " + factor);
        }
    }

    /** The wall-clock wait that stands for {@code realWorld} (never below 1 ms). */
    public Duration toWall(Duration realWorld) {
        return Duration.ofNanos(Math.max(1_000_000L, Math.round(realWorld.toNanos() / factor)));
    }

    /** The real-world span that {@code wallMillis} of a scaled wait stands for. */
    public long toRealWorldMillis(long wallMillis) {
        return Math.round(wallMillis * factor);
    }
}
