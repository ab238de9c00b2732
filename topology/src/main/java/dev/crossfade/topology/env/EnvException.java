package dev.crossfade.topology.env;

/**
 * A Lambda environment variable is missing or malformed: the function cannot start. The message
 * names the variable (and the JSON key, when one is missing).
 */
public final class EnvException extends IllegalStateException {

    public EnvException(String message) {
        super(message);
    }
}
