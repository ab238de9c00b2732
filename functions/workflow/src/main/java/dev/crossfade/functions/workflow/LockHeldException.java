package dev.crossfade.functions.workflow;

/** Another run of this application's workflow holds the lock; this run stops without acting. */
public final class LockHeldException extends WorkflowException {
    public LockHeldException(String message) {
        super(message);
    }
}
