package dev.crossfade.cli;

/** A guard refused the operation, or stopped it safely with nothing half-done; exit 3. */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
