package dev.crossfade.cli.chaos;

import dev.crossfade.cli.drill.DrillClock;
import dev.crossfade.cli.drill.Fault;
import dev.crossfade.cli.drill.FaultInjector;
import dev.crossfade.cli.drill.DrillScratch;
import dev.crossfade.cli.drill.LabRig;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.cli.drill.TimelinePrinter;
import dev.crossfade.local.lab.chaos.Invariants;
import dev.crossfade.local.lab.chaos.Observer;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Runs one schedule against a fresh lab (docs/chaos.md): builds the lab with its write load, runs
 * the steps in order and, after each, observes the lab and checks every invariant that applies.
 */
public final class ScheduleRun {

    /** Settling waits at most this long of wall clock beyond the detection time (then it is checked as it is). */
    static final Duration SETTLE_BOUND = Duration.ofSeconds(120);

    /** An invariant broken after step {@code step} (1-based; 0: the lab could not run the schedule). */
    public record Found(int step, String invariant, String detail) {
        public static final String LAB_ERROR = "lab-error";
    }

    /** What one run found: the first violation of each invariant, in order, and how long it took. */
    public record Outcome(List<Found> found, long wallMillis) {
        public Set<String> invariants() {
            Set<String> names = new LinkedHashSet<>();
            found.forEach(f -> names.add(f.invariant()));
            return names;
        }
    }

    private final Topology topology;
    private final TimeScale scale;
    private final Consumer<String> progress;

    /** @param progress receives one line per step (may print nothing) */
    public ScheduleRun(Topology topology, TimeScale scale, Consumer<String> progress) {
        this.topology = topology;
        this.scale = scale;
        this.progress = progress;
    }

    public Outcome run(Schedule schedule) {
        return run(schedule, null);
    }

    /**
     * @param stopOn stop after the step that breaks this invariant (the shrinker needs no more); null: run every step
     */
    public Outcome run(Schedule schedule, String stopOn) {
        long start = System.nanoTime();
        List<Found> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        DrillClock clock = DrillClock.startNow(scale);
        TimelinePrinter quiet = new TimelinePrinter(new PrintWriter(Writer.nullWriter()), clock);
        // its own temporary folder (moto's files, the PostgreSQL data directories), removed with the lab
        DrillScratch scratch = DrillScratch.create();
        LabRig rig = new LabRig(topology, clock, quiet, scratch.root(), new LabRig.Listener() {});
        rig.track(scratch);
        int step = 0;
        Thread stopOnInterrupt = new Thread(rig::close, "crossfade-chaos-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        try {
            rig.setUp();
            var load = rig.startLoad();
            rig.startTicks();
            progress.accept(String.format(java.util.Locale.ROOT, "  [%6.1fs] lab ready: %s, writes flowing", (System.nanoTime() - start) / 1e9,
                    rig.app().regions()));
            FaultInjector faults = new FaultInjector(rig, (phase, line) -> {});
            Observer observer = new Observer(rig.app(), rig.harness(), rig.dnsAnswer(), rig.lab().servers());
            long lastChange = System.nanoTime();
            // region -> its writer guard's completed runs when it came back from an outage
            Map<String, Long> returning = new java.util.LinkedHashMap<>();
            Set<String> reported = new LinkedHashSet<>();
            for (Schedule.Step s : schedule.steps()) {
                step++;
                boolean settled = false;
                switch (s) {
                    case Schedule.Inject f -> {
                        faults.inject(f.fault(), f.region(), f.peer());
                        lastChange = System.nanoTime();
                    }
                    case Schedule.Heal h -> {
                        List<String> out = rig.app().regions().stream().filter(r -> rig.lab().isDown(r)
                                && h.region().map(r::equals).orElse(true)).toList();
                        h.region().ifPresentOrElse(faults::heal, faults::healAll);
                        out.forEach(r -> returning.put(r, rig.guardRuns(r)));
                        lastChange = System.nanoTime();
                    }
                    case Schedule.Wait w -> LockSupport.parkNanos(scale.toWall(Duration.ofSeconds(w.seconds())).toNanos());
                    case Schedule.AwaitSettled a -> settled = awaitSettled(rig, observer, lastChange);
                    case Schedule.Failback f -> {
                        rig.failback(f.region(), "chaos-failback-" + step);
                        lastChange = System.nanoTime();
                    }
                }
                Set<String> healthy = new LinkedHashSet<>(rig.app().regions());
                faults.active().forEach((region, kinds) -> {
                    if (kinds.stream().anyMatch(k -> k != Fault.REPLICATION_LAG)) {
                        healthy.remove(region);
                    }
                });
                Set<String> detectorsUp = new LinkedHashSet<>(rig.app().regions());
                detectorsUp.removeIf(r -> rig.lab().isDown(r));
                returning.entrySet().removeIf(e -> rig.guardRuns(e.getKey()) > e.getValue() || rig.lab().isDown(e.getKey()));
                Invariants.Observation o = observer.observe(healthy, detectorsUp, load, returning.keySet());
                List<Invariants.Violation> broken = Invariants.check(o, s instanceof Schedule.AwaitSettled);
                for (Invariants.Violation v : broken) {
                    if (seen.add(v.name().key())) {
                        found.add(new Found(step, v.name().key(), v.detail()));
                    }
                }
                // each run that ended since the last step, with how: a chaos log says what the workflow did
                for (var e : observer.executions()) {
                    if (e.status() != ExecutionStatus.RUNNING && reported.add(e.executionArn())) {
                        progress.accept("           run " + e.name() + " " + e.status()
                                + (e.error() == null ? "" : ": " + e.error() + (e.cause() == null ? "" : ": "
                                + e.cause().substring(0, Math.min(300, e.cause().length())))));
                    }
                }
                progress.accept(String.format(java.util.Locale.ROOT, "  [%6.1fs] step %d ", (System.nanoTime() - start) / 1e9, step)
                        + Schedule.describe(s) + (s instanceof Schedule.AwaitSettled && !settled
                        ? " (not settled within the bound)" : "") + (broken.isEmpty() ? ": ok" : ": " + broken));
                if (stopOn != null && seen.contains(stopOn)) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            found.add(new Found(step, Found.LAB_ERROR, String.valueOf(e.getMessage())));
            progress.accept("  step " + step + ": the lab failed: " + e);
        } finally {
            rig.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs; close() is idempotent
            }
        }
        return new Outcome(found, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    /**
     * Waits until the last fault or heal had time to be detected and acted on (each detector
     * evaluated after the health checks' detection time and the dwell had passed since it), no run
     * is in progress (one waiting for a person counts as settled) and no replica is being rebuilt;
     * then {@link #STABLE_TICKS} more minute-schedule evaluations with no new execution (else it waits
     * again). Bounded by {@link #SETTLE_BOUND}.
     *
     * @return whether it settled within the bound
     */
    private boolean awaitSettled(LabRig rig, Observer observer, long lastChangeNanos) {
        var hc = topology.healthCheck();
        Duration detect = scale.toWall(Duration.ofSeconds((long) hc.intervalSeconds() * (hc.failureThreshold() + 1)
                + topology.failover().dwellSeconds() + 60));
        long earliest = lastChangeNanos + detect.toNanos();
        long deadline = Math.max(System.nanoTime(), earliest) + SETTLE_BOUND.toNanos();
        while (System.nanoTime() < earliest) {
            LockSupport.parkNanos(Math.min(earliest - System.nanoTime(), Duration.ofMillis(200).toNanos()));
        }
        // quiet: no run in progress, no replica being rebuilt, and no new execution over STABLE_TICKS minutes of the
        // detectors' schedule (a detection slower than the bound under load starts its run after the first quiet tick)
        while (System.nanoTime() < deadline) {
            long ticks = rig.ticks();
            boolean quiet = LabRig.awaitQuietly(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), () -> rig.ticks() > ticks
                    && quiet(rig, observer));
            if (!quiet) {
                return false;
            }
            int runs = observer.executions().size();
            long from = rig.ticks();
            boolean stable = LabRig.awaitQuietly(Duration.ofNanos(Math.max(Duration.ofSeconds(5).toNanos(), deadline - System.nanoTime())),
                    () -> rig.ticks() >= from + STABLE_TICKS);
            if (stable && quiet(rig, observer) && observer.executions().size() == runs) {
                return true;
            }
        }
        return false;
    }

    /** Minutes of the detectors' schedule with no new execution before a system counts as settled. */
    static final int STABLE_TICKS = 2;

    private static boolean quiet(LabRig rig, Observer observer) {
        return observer.executions().stream().noneMatch(e -> e.status() == ExecutionStatus.RUNNING && !waitsForPerson(rig, e))
                && rig.app().regions().stream().noneMatch(r -> rig.lab().databases().rebuilding(r));
    }

    private static boolean waitsForPerson(LabRig rig, software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse e) {
        List<String> entered = rig.harness().statesEntered(e.executionArn().split(":")[3], e.executionArn());
        return !entered.isEmpty() && Observer.waitsForPerson(entered.getLast());
    }
}
