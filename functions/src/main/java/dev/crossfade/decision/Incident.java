package dev.crossfade.decision;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failover decided for one region. While it is open no second execution is started; it closes
 * when the failed region has recovered (with hysteresis).
 *
 * @param executionName the workflow execution (empty in monitor mode or when approval is awaited)
 * @param started       the execution was confirmed started (or already existed)
 */
public record Incident(String id, String from, String to, Instant openedAt,
                       Optional<String> executionName, boolean started, String status) {

    public static final String EXECUTING = "EXECUTING";
    public static final String NOTIFIED = "NOTIFIED";
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    /** Another region's detector holds the failover lock; this one only records it. */
    public static final String PEER_LOCKED = "PEER_LOCKED";

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(status, "status");
        executionName = executionName == null ? Optional.empty() : executionName;
    }

    public Incident markStarted() {
        return new Incident(id, from, to, openedAt, executionName, true, status);
    }
}
