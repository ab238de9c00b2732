package dev.crossfade.emulator.testutils;

/** A typed handler failure, as the workflow's handlers throw them. */
public final class PromotionFailedException extends RuntimeException {
    public PromotionFailedException(String message) {
        super(message);
    }
}
