package dev.crossfade.cli.drill.testutils;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline instead of sleeping a fixed time and hoping. */
public final class Poll {

    private static final long PAUSE_NANOS = Duration.ofMillis(2).toNanos();

    private Poll() {}

    /** Returns as soon as {@code condition} holds; fails naming {@code what} when the deadline passes. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            LockSupport.parkNanos(PAUSE_NANOS); // yield the CPU between checks (2 cores here)
        }
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        until(timeout, "condition", condition);
    }
}
