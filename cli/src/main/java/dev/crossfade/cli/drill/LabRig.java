package dev.crossfade.cli.drill;

import dev.crossfade.decision.Decision;
import dev.crossfade.functions.workflow.database.WriterGuard;
import dev.crossfade.local.CallTimer;
import dev.crossfade.local.DnsAnswer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.EmulatedDns;
import dev.crossfade.local.LocalDetectors;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.lab.DatabaseReadiness;
import dev.crossfade.local.lab.Lab;
import dev.crossfade.local.lab.WriteLoad;
import dev.crossfade.topology.Topology;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The local lab assembled for a topology, shared by {@code drill --local} and {@code chaos --local}
 * (docs/drill.md "How the pieces fit"): moto with the gap fillers and the Lambda bridge, a real
 * PostgreSQL server per region behind its own AWS endpoint, the application created in moto, the
 * workflow in every enabled region, one health server per region, the canaries and the Route 53
 * checker feeding every region's real detector, the detectors' minute schedule and the write load.
 * Alarm events raised in a region that is out or cut off are lost with it. {@link #close()} stops
 * all of it, newest first.
 */
public final class LabRig implements AutoCloseable {

    /** What the user of the lab hears about the events and the detectors' decisions. */
    public interface Listener {
        /** An alarm event raised in a region that is out or cut off: it reaches no detector. */
        default void lost(String event) {}

        /** An alarm event about to reach every running detector. */
        default void event(String event) {}

        /** The running detectors' decisions on {@code event} (null: the minute schedule). */
        default void decided(Map<String, Decision> decisions, String event) {}

        /** The minute schedule's evaluation failed. */
        default void tickFailed(RuntimeException e) {}

        /** A running region's writer guard fenced its own database (WriterGuard: an old primary back as a writer). */
        default void fenced(String region, WriterGuard.Outcome outcome) {}
    }

    private final Topology topology;
    private final DrillClock clock;
    private final TimelinePrinter printer;
    private final Listener listener;
    private final java.nio.file.Path scratch;
    private final Waits waits;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final MutationRecorder mutations = new MutationRecorder();
    /** The handlers' and the detectors' AWS calls, timed: the drill takes them out of its recovery as the emulator's. */
    private final CallTimer calls = new CallTimer();
    /** When each tick of the detectors' schedule started, and on which thread. */
    private final java.util.concurrent.ConcurrentLinkedQueue<EmulatorOverhead.Tick> tickStarts = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong ticks = new AtomicLong();
    private Lab lab;
    private WorkflowHarness harness;
    private HealthFleet fleet;
    private EmulatedApplication app;
    private EmulatedDns dns;
    private LocalDetectors detectors;
    private final Map<String, WriterGuard> guards = new LinkedHashMap<>();
    private HealthProber canaries;
    private Route53Checker checker;
    private WriteLoad load;

    /**
     * A lab not started yet: {@link #setUp()} starts it (so that a Ctrl-C hook can {@link #close()} it meanwhile).
     *
     * @param scratch the run's temporary folder ({@link DrillScratch}): moto's files and every PostgreSQL data directory go there
     */
    public LabRig(Topology topology, DrillClock clock, TimelinePrinter printer, java.nio.file.Path scratch, Listener listener) {
        this.topology = topology;
        this.clock = clock;
        this.printer = printer;
        this.scratch = java.util.Objects.requireNonNull(scratch, "scratch");
        this.listener = listener;
        this.waits = new Waits(printer);
    }

    /**
     * Builds the lab and waits until every region's alarms are OK. On a failure what was started is
     * stopped before the exception leaves.
     */
    public static LabRig start(Topology topology, DrillClock clock, TimelinePrinter printer, java.nio.file.Path scratch, Listener listener) {
        return new LabRig(topology, clock, printer, scratch, listener).setUp();
    }

    /** Builds the lab (see {@link #start}); on a failure what was started is stopped before the exception leaves. */
    public LabRig setUp() {
        try {
            build();
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void build() {
        lab = track(Lab.start(scratch));
        // the detector builds ARNs from the topology's account: moto must run in it too
        harness = track(new WorkflowHarness(topology.account().orElse(dev.crossfade.local.ResourceNames.ACCOUNT), lab.motoEnvironment(), scratch));
        printer.line("setup", "emulated AWS (moto + gap fillers) on " + harness.moto().endpoint());
        fleet = track(HealthFleet.start(topology));
        app = EmulatedApplication.deploy(harness.moto(), topology);
        lab.attach(harness.moto().endpoint(), app.regions());
        waits.during("setup", "the databases: a PostgreSQL server per region behind the emulated RDS instances, each available",
                Duration.ofSeconds(120), () -> "", () -> {
                    DatabaseReadiness.awaitAvailable(app, Duration.ofSeconds(120));
                    return null;
                });
        printer.line("setup", "PostgreSQL " + app.regions().stream().map(r -> r + (r.equals(app.primary()) ? " (writer)" : " (replica)")
                + " on port " + lab.servers().server(r).port()).toList() + "; each region's AWS APIs on its own endpoint "
                + app.regions().stream().map(r -> r + " " + lab.endpoint(r)).toList());
        lab.publishReplicaLag(clock.scale().toWall(Duration.ofSeconds(60)).compareTo(Duration.ofSeconds(1)) < 0
                ? Duration.ofSeconds(1) : clock.scale().toWall(Duration.ofSeconds(60)));
        Map<String, URI> endpoints = new LinkedHashMap<>();
        app.regions().forEach(r -> endpoints.put(r, fleet.region(r).healthUri()));
        dns = track(EmulatedDns.create(harness.moto().endpoint(), topology, endpoints));
        var handlers = WorkflowHarness.handlers(lab.clients(List.of(mutations, calls)), app.config(topology.failover().approvalForDataLoss()));
        app.regions().forEach(r -> harness.deployWorkflow(app, r, handlers));
        printer.line("setup", "created " + topology.name() + " in " + app.regions() + ": " + topology.database().engine().key()
                + ", hosted zone " + topology.domain().name() + ", health checks, records (" + topology.routing().key() + ")"
                + (app.acceleratorArn().isPresent() ? ", accelerator" : "") + ", tables, buckets, state machine " + app.names().stateMachine()
                + " in each region");
        endpoints.forEach((r, uri) -> printer.line("setup", r + " app answers " + uri));
        detectors = new LocalDetectors(app, clock, new PrintStream(OutputStream.nullOutputStream()), lab::endpoint, List.of(calls)).isolateFailures();
        // each region's writer guard, on the same minute schedule as its detector, through its own region's endpoint
        var guardClients = lab.clients(List.of());
        app.regions().forEach(r -> guards.put(r, new WriterGuard(guardClients, app.config(), r)));

        canaries = track(new HealthProber(topology, fleet.targets(), clock, this::deliver, printer.probes()));
        checker = track(new Route53Checker(topology, dns, clock, this::deliver, e -> printer.line("setup", e)));
        canaries.start();
        checker.start();
        startMetricChecks(canaries.interval());
        Duration setupDeadline = Duration.ofSeconds(30).plus(canaries.interval().multipliedBy(topology.healthCheck().failureThreshold() * 2L));
        awaitSetup(setupDeadline, "every alarm OK before the fault (" + topology.healthCheck().failureThreshold()
                + " passing health checks in a row, one every " + canaries.interval().toMillis() + " ms)", () -> app.regions().stream().allMatch(r ->
                canaries.alarms(r).stream().allMatch(a -> AlarmStateDetail.OK.equals(a.state().value()))
                        && checker.alarm(r).map(a -> AlarmStateDetail.OK.equals(a.state().value())).orElse(false)));
        printer.line("setup", "every region healthy; canary interval " + canaries.interval().toMillis() + " ms (" + topology.healthCheck().intervalSeconds()
                + " s / time scale " + clock.scale().factor() + "), threshold " + topology.healthCheck().failureThreshold()
                + ", quorum " + topology.failover().quorum() + ", dwell " + topology.failover().dwellSeconds() + " s (drill clock)");
    }

    /** Starts the write load on the primary and waits for its first acknowledged writes. */
    public WriteLoad startLoad() {
        load = track(new WriteLoad(lab.servers(), this::dnsRegion, Duration.ofMillis(50), Duration.ofMillis(250), 1,
                System.nanoTime() - clock.elapsedMillis() * 1_000_000L).start(app.primary()));
        awaitSetup(Duration.ofSeconds(30), "the write load's first acknowledged writes", () -> load.acknowledged().size() >= 10);
        printer.line("setup", "write load: a sequenced row every 50 ms to the region the DNS answer names, each read back");
        return load;
    }

    /**
     * Route 53 evaluates its CLOUDWATCH_METRIC health checks continuously, whether or not anyone
     * resolves the name: each region's routing-control and veto stand-ins are evaluated every health
     * check interval, so that a value they see (a veto published once) becomes their last known
     * status even while the region's endpoint check fails and no answer asks for them.
     */
    private void startMetricChecks(Duration interval) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-route53-metric-checks");
            t.setDaemon(true);
            return t;
        });
        track(schedule::shutdownNow);
        schedule.scheduleAtFixedRate(() -> app.regions().forEach(r -> {
            try {
                routingOn(r);
            } catch (RuntimeException e) {
                // the next interval evaluates again, as Route 53's checkers do
            }
        }), 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the detectors' minute schedule (every minute of drill time). */
    public void startTicks() {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-detector-schedule");
            t.setDaemon(true);
            return t;
        });
        track(schedule::shutdownNow);
        long period = clock.scale().toWall(Duration.ofMinutes(1)).toNanos();
        schedule.scheduleAtFixedRate(() -> {
            try {
                Map<String, Decision> decisions;
                tickStarts.add(new EmulatorOverhead.Tick(java.time.Instant.now(), Thread.currentThread().threadId()));
                synchronized (this) {
                    decisions = detectors.tick(clock.instant());
                }
                listener.decided(decisions, null);
            } catch (RuntimeException e) {
                listener.tickFailed(e);
            } finally {
                ticks.incrementAndGet();
            }
        }, period, period, TimeUnit.NANOSECONDS);
        // the guards are functions of their own: a guard waiting on a peer that is gone holds up no detector
        ScheduledExecutorService guardSchedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-writer-guards");
            t.setDaemon(true);
            return t;
        });
        track(guardSchedule::shutdownNow);
        guardSchedule.scheduleAtFixedRate(this::guardTick, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * Every running region's writer guard, once (a region that is out runs nothing; a partitioned one
     * runs against what it can reach). A guard that fails (its region's APIs unreachable meanwhile)
     * stops no other: the next minute retries, as the next scheduled invocation would.
     */
    private void guardTick() {
        guards.forEach((region, guard) -> {
            if (!lab.isDown(region) && guarding.add(region)) { // not out, and its previous invocation has ended
                Thread.startVirtualThread(() -> guardOnce(region, guard));
            }
        });
    }

    private void guardOnce(String region, WriterGuard guard) {
        try {
            WriterGuard.Outcome outcome = guard.check(Instant.now());
            if (!WriterGuard.HELD.equals(outcome.action())) { // a check that waited for a run decided nothing
                guardRuns.computeIfAbsent(region, r -> new AtomicLong()).incrementAndGet();
            }
            if (WriterGuard.FENCED.equals(outcome.action())) {
                listener.fenced(region, outcome);
            }
        } catch (RuntimeException e) {
            listener.tickFailed(new IllegalStateException("writer guard of " + region + ": " + e.getMessage(), e));
        } finally {
            guarding.remove(region);
        }
    }

    private final java.util.Set<String> guarding = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> guardRuns = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How many times {@code region}'s writer guard has completed a check that decided (not one that
     * waited for a run holding the lock): the chaos checker's "returning" bound.
     */
    public long guardRuns(String region) {
        AtomicLong runs = guardRuns.get(region);
        return runs == null ? 0 : runs.get();
    }

    /**
     * What an operator does to return to {@code to} (docs/workflow.md, failback): when its database
     * is no replica (an old primary back from an outage, fenced), that diverged instance is deleted;
     * then the workflow is started in {@code to} in mode {@code failback} from the one database that
     * accepts writes. Returns the execution's ARN; the run itself goes on in the background.
     */
    public String failback(String to, String incidentId) {
        List<String> writers = lab.servers().writers();
        if (writers.size() != 1 || writers.getFirst().equals(to)) {
            throw new IllegalStateException("failback to " + to + " needs one writer in another region; writers: " + writers);
        }
        String from = writers.getFirst();
        if (app.db(to).readReplicaSourceDBInstanceIdentifier() == null) {
            app.deleteDb(to);
        }
        String machine = harness.sfn(to).listStateMachines().stateMachines().stream()
                .filter(m -> m.name().equals(app.names().stateMachine())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no state machine " + app.names().stateMachine() + " in " + to))
                .stateMachineArn();
        String input = "{\"mode\":\"failback\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"reason\":\"operator failback (chaos schedule)\",\"incidentId\":\"" + incidentId + "\"}";
        return harness.start(to, machine, from + "-to-" + to + "-failback-" + System.currentTimeMillis(), input);
    }

    /** How many minute-schedule evaluations have run (each evaluates every running detector). */
    public long ticks() {
        return ticks.get();
    }

    /** Alarm events reach every running detector, one at a time (EventBridge forwarding). */
    private void deliver(String event) {
        Map<String, Decision> decisions;
        synchronized (this) {
            String region = event.replaceFirst("(?s).*?\"region\":\"([a-z0-9-]+)\".*", "$1");
            if (lab.isDown(region) || lab.isPartitioned(region)) {
                listener.lost(event);
                return;
            }
            listener.event(event);
            mirrorHealthAlarm(event);
            decisions = detectors.deliver(event);
        }
        listener.decided(decisions, event);
    }

    /** The region's own health alarm (read by preflight and verification) follows the canary about it. */
    private void mirrorHealthAlarm(String event) {
        if (!event.contains("-canary\"")) {
            return;
        }
        for (String region : app.regions()) {
            if (event.contains("\"alarmName\":\"" + app.names().application() + "-" + region + "-canary\"")) {
                boolean ok = event.contains("\"state\":{") && event.replaceFirst("(?s).*\"state\":\\{", "").contains("\"value\":\"OK\"");
                if (lab.isDown(region) || lab.isPartitioned(region)) {
                    continue; // that region's own alarm cannot be set from outside
                }
                app.setHealthy(region, ok, ok ? "canary healthy" : "canary: health endpoint not answering");
            }
        }
    }

    /**
     * The database the write load's client writes to. Active-passive: the region the application's
     * name resolves to now (its app writes to its own region's database). Active-active: every
     * region's app writes to the one writer, found as the global writer endpoint finds it (the
     * RDS API's view of the writer).
     */
    public Optional<String> dnsRegion() {
        if (topology.mode() == Topology.Mode.ACTIVE_ACTIVE) {
            return app.writerRegions().stream().findFirst();
        }
        List<String> answers = dnsAnswer().regions(topology.domain().name());
        return answers.stream().filter(app.regions()::contains).findFirst();
    }

    /** The DNS evaluator over moto's records, the health checks and the routing controls. */
    public DnsAnswer dnsAnswer() {
        return new DnsAnswer(dns.route53(), dns.zoneId(), this::routingOn);
    }

    /** Region -> its routing-control health check as Route 53 evaluates it (MetricHealthCheck), in the lab's time scale. */
    private final Map<String, dev.crossfade.local.MetricHealthCheck> routingChecks = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, Optional<dev.crossfade.local.MetricHealthCheck>> vetoChecks = new java.util.concurrent.ConcurrentHashMap<>();

    /** The region's routing control is on and no veto holds it out (the serving check's two CloudWatch children). */
    private boolean routingOn(String region) {
        Instant now = Instant.now();
        // both evaluated every time (no short circuit): each stand-in keeps its last known status from its own evaluations
        return routingChecks.computeIfAbsent(region, r -> app.routingCheck(r, clock.scale().factor())).healthy(now)
                & vetoChecks.computeIfAbsent(region, r -> app.vetoCheck(r, clock.scale().factor())).map(c -> c.healthy(now)).orElse(true);
    }

    public DrillClock clock() {
        return clock;
    }

    public Topology topology() {
        return topology;
    }

    public Lab lab() {
        return lab;
    }

    public WorkflowHarness harness() {
        return harness;
    }

    public HealthFleet fleet() {
        return fleet;
    }

    public EmulatedApplication app() {
        return app;
    }

    public LocalDetectors detectors() {
        return detectors;
    }

    /** The handlers' and the detectors' AWS calls so far, timed. */
    public List<CallTimer.Call> calls() {
        return calls.calls();
    }

    /** Every start of the detectors' schedule so far. */
    List<EmulatorOverhead.Tick> tickStarts() {
        return List.copyOf(tickStarts);
    }

    public MutationRecorder mutations() {
        return mutations;
    }

    /** The write load, once {@link #startLoad()} ran. */
    public Optional<WriteLoad> load() {
        return Optional.ofNullable(load);
    }

    /** Stops {@code resource} with the lab (before what was started earlier). */
    public <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            started.add(resource);
        }
        return resource;
    }

    /** Waits for a setup step with live progress; a timeout fails the setup, naming what did not happen. */
    private void awaitSetup(Duration timeout, String what, BooleanSupplier done) {
        if (!waits.until("setup", what, timeout, done, () -> "")) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Waits without printing (see {@link Waits}): true when {@code done} held within {@code timeout}. */
    public static boolean awaitQuietly(Duration timeout, BooleanSupplier done) {
        return Waits.poll(timeout, done);
    }

    /** Stops everything started, newest first; safe to call twice (Ctrl-C hook and normal exit). */
    @Override
    public void close() {
        List<AutoCloseable> reversed;
        synchronized (started) {
            reversed = new ArrayList<>(started);
            started.clear();
        }
        Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }
}
