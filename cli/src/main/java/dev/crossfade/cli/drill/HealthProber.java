package dev.crossfade.cli.drill;

import dev.crossfade.topology.Topology;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The canaries of the local drill: every enabled region probes each peer's health URL (one canary
 * per watcher and watched region, as deployed) at the topology's {@code healthCheck.intervalSeconds}
 * divided by the time scale, feeds that pair's {@link CanaryAlarm}, and hands every alarm state
 * change, as the EventBridge event JSON raised in the watching region, to the event sink (the
 * detection handler). Events reach the sink one at a time.
 */
public final class HealthProber implements AutoCloseable {

    // Route 53 gives an endpoint 4 s to answer; the floor keeps a slow CI machine from faking a fault
    private static final Duration REAL_TIMEOUT = Duration.ofSeconds(4);
    private static final Duration MIN_WALL_TIMEOUT = Duration.ofSeconds(1);

    private final Map<String, Supplier<URI>> targets;
    /** "watcher>watched" -> that canary's alarm */
    private final Map<String, CanaryAlarm> alarms = new LinkedHashMap<>();
    private final DrillClock clock;
    private final Consumer<String> eventSink;
    private final Consumer<ProbeObservation> listener;
    private final Duration interval;
    private final List<ProbeResult> results = Collections.synchronizedList(new ArrayList<>());
    private final List<String> sinkErrors = Collections.synchronizedList(new ArrayList<>());
    private final Object sinkLock = new Object();
    private final HealthCheckCall check;
    private final ScheduledExecutorService scheduler;

    /** @param targets region -> its current health URL (a supplier, since a recovered server may move) */
    public HealthProber(Topology topology, Map<String, Supplier<URI>> targets, DrillClock clock,
                        Consumer<String> eventSink, Consumer<ProbeObservation> listener) {
        this.targets = Map.copyOf(targets);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.eventSink = Objects.requireNonNull(eventSink, "eventSink");
        this.listener = Objects.requireNonNull(listener, "listener");
        targets.keySet().forEach(watched -> CanaryAlarmSpec.all(topology, watched).forEach(spec ->
                alarms.put(key(spec), new CanaryAlarm(spec, clock.instant()))));
        this.interval = clock.scale().toWall(Duration.ofSeconds(topology.healthCheck().intervalSeconds()));
        Duration scaledTimeout = clock.scale().toWall(REAL_TIMEOUT);
        this.check = new HealthCheckCall(scaledTimeout.compareTo(MIN_WALL_TIMEOUT) < 0 ? MIN_WALL_TIMEOUT : scaledTimeout);
        this.scheduler = Executors.newScheduledThreadPool(Math.max(1, alarms.size()), r -> {
            Thread t = new Thread(r, "crossfade-canary");
            t.setDaemon(true);
            return t;
        });
    }

    /** The wall-clock probe interval (the topology interval divided by the time scale). */
    public Duration interval() { return interval; }

    public void start() {
        long origin = System.nanoTime();
        alarms.keySet().forEach(canary -> schedule(canary, origin, 0));
    }

    /** The alarm of the first canary about {@code region} (its first watcher in file order). */
    public CanaryAlarm alarm(String region) {
        return alarms(region).getFirst();
    }

    /** The alarms of every canary about {@code region}, one per watching region. */
    public List<CanaryAlarm> alarms(String region) {
        List<CanaryAlarm> about = alarms.values().stream().filter(a -> a.spec().watchedRegion().equals(region)).toList();
        if (about.isEmpty()) {
            throw new IllegalArgumentException("no canary probes region " + region);
        }
        return about;
    }

    private static String key(CanaryAlarmSpec spec) {
        return spec.alarmRegion() + ">" + spec.watchedRegion();
    }

    /** Every probe so far, in the order they finished. */
    public List<ProbeResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }

    /** Failures of the event sink or listener; they never stop the probes. */
    public List<String> sinkErrors() {
        synchronized (sinkErrors) {
            return List.copyOf(sinkErrors);
        }
    }

    @Override
    public void close() {
        Schedulers.stop(scheduler);
        check.close();
    }

    private void schedule(String canary, long origin, long delayNanos) {
        try {
            scheduler.schedule(() -> tick(canary, origin), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // close() won the race; no more probes
        }
    }

    /**
     * Probes, then waits for the next tick of the fixed cadence. A probe that overran skips the
     * ticks it missed: a fixed-rate scheduler would fire them back to back and count several
     * failures within milliseconds, which would shorten the detection being measured.
     */
    private void tick(String canary, long origin) {
        try {
            probe(alarms.get(canary));
        } finally {
            long step = interval.toNanos();
            long elapsed = System.nanoTime() - origin;
            if (!scheduler.isShutdown()) {
                schedule(canary, origin, (elapsed / step + 1) * step - elapsed);
            }
        }
    }

    private void probe(CanaryAlarm alarm) {
        ProbeResult result = call(alarm.spec().watchedRegion());
        if (Thread.currentThread().isInterrupted()) {
            return; // closing: an interrupted call says nothing about the region
        }
        results.add(result);
        Optional<CanaryAlarm.Change> change = alarm.observe(result.simulatedTime(), result.ok());
        change.ifPresent(c -> deliver(CanaryAlarmEvent.toJson(alarm.spec(), c)));
        ProbeObservation observation = new ProbeObservation(result, alarm.spec(), alarm.failingStreak(),
                alarm.passingStreak(), alarm.state().value(), change);
        guarded("listener", () -> listener.accept(observation));
    }

    private void deliver(String event) {
        synchronized (sinkLock) {
            guarded("event sink", () -> eventSink.accept(event));
        }
    }

    // an exception escaping a periodic task would silently cancel all later probes of the region
    private void guarded(String who, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            sinkErrors.add(who + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ProbeResult call(String region) {
        long at = clock.elapsedMillis();
        Instant when = clock.instant();
        HealthCheckCall.Outcome outcome = check.check(targets.get(region).get());
        return new ProbeResult(at, when, region, outcome.ok(), outcome.latencyMillis(), outcome.detail());
    }
}
