package dev.crossfade.cli.drill;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** Stopping the drill's background schedulers (health probes, Route 53 checks). */
final class Schedulers {

    private Schedulers() {}

    /**
     * Cancels what {@code scheduler} has queued, interrupts what runs and waits up to 5 s for it to
     * end; an interrupt while waiting ends the wait and stays set on this thread.
     */
    static void stop(ExecutorService scheduler) {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
