package dev.crossfade.functions.workflow;

/** The promotion is still running; the state machine retries this with a bounded wait. */
public final class PromotionPendingException extends WorkflowException {
    public PromotionPendingException(String message) {
        super(message);
    }
}
