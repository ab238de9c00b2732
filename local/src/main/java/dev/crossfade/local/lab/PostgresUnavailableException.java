package dev.crossfade.local.lab;

/** PostgreSQL's server binaries are not installed; the message names the command that installs them. */
public final class PostgresUnavailableException extends RuntimeException {
    public PostgresUnavailableException(String message) {
        super(message);
    }
}
