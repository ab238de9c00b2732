package dev.crossfade.functions.workflow;

/**
 * The target's database is not a replica of the current writer (the run's {@code from}): promoting
 * it would lose every write the writer took since the target stopped following it, or make a
 * second writer. Raised before any mutation; the way back to an old primary is failback.
 */
public final class NotCurrentReplicaException extends WorkflowException {
    public NotCurrentReplicaException(String message) {
        super(message);
    }
}
