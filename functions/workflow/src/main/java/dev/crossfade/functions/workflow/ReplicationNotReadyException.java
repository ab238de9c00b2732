package dev.crossfade.functions.workflow;

/** Failback found no replication from the current primary to rebuild on; nothing was switched. */
public final class ReplicationNotReadyException extends WorkflowException {
    public ReplicationNotReadyException(String message) {
        super(message);
    }
}
