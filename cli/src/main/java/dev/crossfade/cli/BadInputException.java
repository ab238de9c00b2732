package dev.crossfade.cli;

/** The user's input (a flag, a file, an event) is wrong; exit 2 with this message. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
