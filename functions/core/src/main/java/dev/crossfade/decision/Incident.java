package dev.crossfade.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover decided for one region. While it is open no second execution is started, except a
 * retry after a run that did not succeed (after the cooldown, up to {@link #MAX_RUNS} runs, then
 * a person is asked); it closes when the failed region has recovered (with hysteresis).
 *
 * @param executionName the workflow execution (empty in monitor mode or when approval is awaited)
 * @param started       the execution was confirmed started (or already existed)
 * @param runs          how many executions this incident has started (1 for the first)
 */
public record Incident(String id, String from, String to, Instant openedAt,
                       Optional<String> executionName, boolean started, String status, int runs) {

    public static final String EXECUTING = "EXECUTING";
    public static final String NOTIFIED = "NOTIFIED";
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    /** Another region's detector holds the failover lock; this one only records it. */
    public static final String PEER_LOCKED = "PEER_LOCKED";
    /** The run ended SUCCEEDED: the target took over; the incident closes when the failed region recovers. */
    public static final String SUCCEEDED = "SUCCEEDED";
    /** The run ended FAILED, TIMED_OUT or ABORTED: the failed region is back in traffic; retried after the cooldown. */
    public static final String RUN_FAILED = "RUN_FAILED";
    /** Runs failed {@link #MAX_RUNS} times: a person decides; no further automatic run for this incident. */
    public static final String ESCALATED = "ESCALATED";
    /** Executions one incident may start automatically. */
    public static final int MAX_RUNS = 2;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(status, "status");
        executionName = executionName == null ? Optional.empty() : executionName;
        runs = Math.max(1, runs);
    }

    public Incident(String id, String from, String to, Instant openedAt, Optional<String> executionName, boolean started, String status) {
        this(id, from, to, openedAt, executionName, started, status, 1);
    }

    public Incident markStarted() {
        return new Incident(id, from, to, openedAt, executionName, true, status, runs);
    }

    public Incident withStatus(String next) {
        return new Incident(id, from, to, openedAt, executionName, started, next, runs);
    }

    /** Whether a workflow execution named {@code name} is this incident's run (or, for a peer's lock, one for the same move). */
    public boolean isRun(String name) {
        return executionName.map(name::equals)
                .orElse(status.equals(PEER_LOCKED) && name.startsWith((from + "-to-" + to + "-").replaceAll("[^A-Za-z0-9_-]", "-")));
    }
}
