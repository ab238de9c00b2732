package dev.crossfade.functions.workflow;

/**
 * The old primary could not be fenced and is not confirmed unreachable: a refusal that no retry
 * mends (e.g. {@code AccessDenied}), or a region that answered one way and not the other. The run
 * must not promote beside a writer that may still take writes; it undoes what it fenced and stops.
 */
public final class FencingFailedException extends WorkflowException {
    public FencingFailedException(String message) {
        super(message);
    }
}
