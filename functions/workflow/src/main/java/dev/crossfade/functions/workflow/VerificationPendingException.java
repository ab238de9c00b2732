package dev.crossfade.functions.workflow;

/** The target is not yet verified healthy; the state machine retries until its deadline. */
public final class VerificationPendingException extends WorkflowException {
    public VerificationPendingException(String message) {
        super(message);
    }
}
