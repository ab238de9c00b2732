package dev.crossfade.functions.workflow;

/** Throttling, a 5xx or a network failure that outlived the SDK's own retries; the ASL retries with backoff. */
public final class TransientAwsException extends WorkflowException {
    public TransientAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
