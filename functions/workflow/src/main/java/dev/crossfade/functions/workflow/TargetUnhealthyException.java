package dev.crossfade.functions.workflow;

/** The target region is not healthy enough to take over; nothing was changed. */
public final class TargetUnhealthyException extends WorkflowException {
    public TargetUnhealthyException(String message) {
        super(message);
    }
}
