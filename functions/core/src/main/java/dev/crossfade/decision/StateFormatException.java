package dev.crossfade.decision;

/** A stored or given detector state is not in the documented format; the message names the key. */
public final class StateFormatException extends RuntimeException {
    public StateFormatException(String message) {
        super(message);
    }
}
