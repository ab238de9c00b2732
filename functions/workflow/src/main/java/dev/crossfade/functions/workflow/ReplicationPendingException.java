package dev.crossfade.functions.workflow;

/** Failback: the rebuilt replica is not available yet; the state machine retries with a bounded wait. */
public final class ReplicationPendingException extends WorkflowException {
    public ReplicationPendingException(String message) {
        super(message);
    }
}
