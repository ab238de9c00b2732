package dev.crossfade.functions.workflow;

/** The replica is further behind than the RPO budget allows, and no approval applies. */
public final class ReplicaLagExceededException extends WorkflowException {
    public ReplicaLagExceededException(String message) {
        super(message);
    }
}
