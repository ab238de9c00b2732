package dev.crossfade.local.lab;

/** A PostgreSQL program or statement failed; the message carries its output. */
public final class PostgresCommandException extends RuntimeException {
    public PostgresCommandException(String message) {
        super(message);
    }

    public PostgresCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
