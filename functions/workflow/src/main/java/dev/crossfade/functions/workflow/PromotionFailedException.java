package dev.crossfade.functions.workflow;

/** The database promotion was refused or ended in a state that is not a writer. */
public final class PromotionFailedException extends WorkflowException {
    public PromotionFailedException(String message) {
        super(message);
    }
}
