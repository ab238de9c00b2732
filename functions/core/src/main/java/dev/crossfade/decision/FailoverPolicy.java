package dev.crossfade.decision;

import java.time.Duration;

/** The {@code failover} section of the topology (see docs/topology.md), in plain values. */
public record FailoverPolicy(
        boolean automatic,
        int rpoBudgetSeconds,
        int quorum,
        int dwellSeconds,
        int cooldownMinutes,
        boolean approvalForDataLoss) {

    public FailoverPolicy {
        if (quorum < 1) {
            throw new IllegalArgumentException("failover.quorum must be >= 1, got " + quorum);
        }
        if (dwellSeconds < 0 || cooldownMinutes < 0 || rpoBudgetSeconds < 0) {
            throw new IllegalArgumentException("failover durations must be >= 0");
        }
    }

    public Duration dwell() {
        return Duration.ofSeconds(dwellSeconds);
    }

    public Duration cooldown() {
        return Duration.ofMinutes(cooldownMinutes);
    }

    /**
     * Hysteresis: a signal that left ALARM counts as recovered only after this long, so a region
     * that flaps is neither chosen as a target nor declared healthy on its first good minute.
     */
    public Duration recovery() {
        return Duration.ofSeconds(Math.max(60, 2L * dwellSeconds));
    }
}
