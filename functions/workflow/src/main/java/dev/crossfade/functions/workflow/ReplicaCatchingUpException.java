package dev.crossfade.functions.workflow;

/** A planned switchover waits for the replica to reach zero lag after writes stopped; retried. */
public final class ReplicaCatchingUpException extends WorkflowException {
    public ReplicaCatchingUpException(String message) {
        super(message);
    }
}
