package dev.crossfade.cli.remote;

/** The account cannot be reached as configured (no credentials, no network); exit 1 with a hint. */
public final class AwsAccessException extends RuntimeException {
    public AwsAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
