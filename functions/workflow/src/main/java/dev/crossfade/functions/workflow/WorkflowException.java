package dev.crossfade.functions.workflow;

/**
 * Base of the errors the state machine catches by name. On Lambda the error name is the
 * exception's fully qualified class name, so the ASL names these classes in full.
 */
public abstract class WorkflowException extends RuntimeException {
    protected WorkflowException(String message) {
        super(message);
    }

    protected WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
