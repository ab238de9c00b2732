package dev.crossfade.emulator;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline instead of sleeping a fixed time and hoping. The one
 * polling helper of the emulator, the lab, their tests and the CLI's tests.
 */
public final class Poll {

    /** Between two probes of a service (moto, a database): often enough, without loading a 2-core machine. */
    static final Duration PROBE_PAUSE = Duration.ofMillis(100);
    /** Between two checks of an in-memory condition. */
    static final Duration CHECK_PAUSE = Duration.ofMillis(2);

    private Poll() {}

    /**
     * Probes every 100 ms until {@code done} accepts the value, and returns it; fails with the last
     * value once {@code timeout} has passed.
     */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
            }
            LockSupport.parkNanos(PROBE_PAUSE.toNanos());
            last = probe.get();
        }
        return last;
    }

    /** Returns as soon as {@code condition} holds (checked every 2 ms); fails naming {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            LockSupport.parkNanos(CHECK_PAUSE.toNanos()); // yield the CPU between checks
        }
    }

    public static void until(Duration timeout, BooleanSupplier condition) {
        until(timeout, "condition", condition);
    }
}
