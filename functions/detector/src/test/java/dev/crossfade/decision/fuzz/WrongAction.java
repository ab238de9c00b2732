package dev.crossfade.decision.fuzz;

/** A fuzzed event answered differently from the oracle, or an exception that escaped the entry point. */
final class WrongAction extends AssertionError {
    WrongAction(String message, Throwable cause) {
        super(message, cause);
    }
}
