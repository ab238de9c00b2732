package dev.crossfade.local;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds or a deadline passes; never sleeps a fixed time and hopes. */
public final class Poll {

    private Poll() {}

    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = probe.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            last = probe.get();
        }
        return last;
    }
}
