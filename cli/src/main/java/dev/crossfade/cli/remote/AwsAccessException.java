package dev.crossfade.cli.remote;

import dev.crossfade.cli.Main;
import java.io.PrintWriter;

/** The account cannot be reached as configured (no credentials, no network); exit 1 with a hint. */
public final class AwsAccessException extends RuntimeException {
    public AwsAccessException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prints {@code error: <message>} to {@code err} and returns the command's exit code, {@link Main#UNEXPECTED}. */
    public int reportTo(PrintWriter err) {
        err.println("error: " + getMessage());
        err.flush();
        return Main.UNEXPECTED;
    }
}
