package dev.crossfade.cli.drill;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The drill's quiet waits, said aloud: one line when a wait starts (what it waits for, at most how
 * long), then one every few seconds with the time spent and the time left. Plain lines, no spinner:
 * the output is as often a file or a CI log as a terminal. {@code --quiet} silences them with the
 * rest of the live output ({@link TimelinePrinter}).
 */
public final class Waits {

    /** How often a long wait says it is still waiting. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final TimelinePrinter printer;
    private final Duration every;

    public Waits(TimelinePrinter printer) {
        this(printer, EVERY);
    }

    public Waits(TimelinePrinter printer, Duration every) {
        this.printer = Objects.requireNonNull(printer, "printer");
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("the period of the waiting lines must be positive: " + every);
        }
        this.every = every;
    }

    /**
     * Polls {@code done} until it holds or {@code atMost} passes, saying what it waits for.
     *
     * @param detail what is left to wait for right now (e.g. the dwell's remaining seconds); may return ""
     * @return whether {@code done} held in time
     */
    public boolean until(String topic, String what, Duration atMost, BooleanSupplier done, Supplier<String> detail) {
        if (done.getAsBoolean()) {
            return true;
        }
        return during(topic, what, atMost, detail, () -> poll(atMost, done));
    }

    /** Runs a blocking {@code body} (e.g. a database start), saying what it waits for while it runs. */
    public <T> T during(String topic, String what, Duration atMost, Supplier<String> detail, Supplier<T> body) {
        long started = System.nanoTime();
        printer.progress(topic, "waiting for " + what + " (at most " + seconds(atMost.toNanos()) + ")" + suffix(detail));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-drill-waiting");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(() -> {
            long spent = System.nanoTime() - started;
            printer.progress(topic, "still waiting for " + what + ": " + seconds(spent) + " so far, at most "
                    + seconds(Math.max(0, atMost.toNanos() - spent)) + " left" + suffix(detail));
        }, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return body.get();
        } finally {
            ticker.shutdownNow();
        }
    }

    private static String suffix(Supplier<String> detail) {
        String d = detail.get();
        return d == null || d.isBlank() ? "" : "; " + d;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.0f s", Math.ceil(nanos / 1e9));
    }

    /** Polls {@code done} every 50 ms until it holds (true) or {@code timeout} passes or the thread is interrupted (false). */
    static boolean poll(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return true;
    }
}
