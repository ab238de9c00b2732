package dev.crossfade.emulator;

/** No Python with moto was found on this machine. */
public final class MotoUnavailableException extends IllegalStateException {
    public MotoUnavailableException(String message) {
        super(message);
    }
}
