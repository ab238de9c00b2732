package dev.crossfade.local.reliability;

import dev.crossfade.decision.Decision;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.LocalDetectors;
import dev.crossfade.local.StateMachineFile;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Several independent sets of the real detectors (as concurrent Lambda containers would be), all
 * against the same moto and one test clock, fed the sample alarm events from {@code events/}.
 */
final class DetectorRig {

    private final List<LocalDetectors> containers = new ArrayList<>();
    private volatile Instant now;

    DetectorRig(EmulatedApplication app, int containers, Instant start) {
        this.now = start;
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        for (int i = 0; i < containers; i++) {
            this.containers.add(new LocalDetectors(app, clock, new PrintStream(OutputStream.nullOutputStream())));
        }
    }

    void advance(Duration by) {
        now = now.plus(by);
    }

    /** The sample event, re-stamped with the rig's time and a fresh event id. */
    String event(String file) {
        try {
            String json = Files.readString(StateMachineFile.repoRoot().resolve("events").resolve(file));
            String at = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            return json.replaceFirst("\"id\": \"[^\"]+\"", "\"id\": \"" + UUID.randomUUID() + "\"")
                    .replaceFirst("\"time\": \"[^\"]+\"", "\"time\": \"" + at + "\"")
                    .replaceFirst("(\"state\": \\{[^}]*\"timestamp\": \")[^\"]+\"", "$1" + at.replace("Z", ".000+0000") + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Decision> deliver(String event) {
        return containers.getFirst().deliver(event);
    }

    /** Delivers the event {@code copies} times at once, spread over the containers; every decision made. */
    List<Decision> deliverConcurrently(String event, int copies, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Map<String, Decision>>> results = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                LocalDetectors container = containers.get(i % containers.size());
                results.add(pool.submit(() -> container.deliver(event)));
            }
            List<Decision> decisions = new ArrayList<>();
            for (Future<Map<String, Decision>> r : results) {
                Collection<Decision> made = r.get().values();
                decisions.addAll(made);
            }
            return decisions;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a detector failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
