package dev.crossfade.cli.drill;

import dev.crossfade.decision.Decision;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The local game day, assembled: moto with the gap fillers and the Lambda bridge, the topology's
 * application created in it, the workflow in every enabled region, one health server per region,
 * the canaries and the Route 53 checker feeding every region's real detector; then the fault,
 * and the measured phases and the emulated end state. {@link #close()} stops all of it.
 */
public final class LocalDrill implements AutoCloseable {

    private final Topology topology;
    private final String failRegion;
    private final Fault fault;
    private Lab lab;
    private WriteLoad load;
    private HealthFleet fleet;
    private final java.util.concurrent.atomic.AtomicInteger eventsLost = new java.util.concurrent.atomic.AtomicInteger();
    private final DrillClock clock;
    private final TimelinePrinter printer;
    private final PhaseClock phases;
    private final Waits waits;
    /** When the quorum of signals was reached (drill clock, ms): the detectors' dwell runs from there. */
    private volatile long quorumAtMillis = -1;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmulatedDns dns;
    private final AtomicReference<Decision> failover = new AtomicReference<>();
    /** Active-active: the failed region was a standby, taken out of traffic without a run (docs/detection.md). */
    private final AtomicReference<Decision> standbyOut = new AtomicReference<>();
    private final List<String> alarmsInAlarm = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MutationRecorder mutations = new MutationRecorder();
    private LocalDetectors detectors;
    private EmulatedApplication app;

    private final java.nio.file.Path scratch;

    /** @param scratch the drill's temporary folder ({@link DrillScratch}): every file it makes goes there */
    public LocalDrill(Topology topology, String failRegion, Fault fault, DrillClock clock, TimelinePrinter printer, java.nio.file.Path scratch) {
        this.scratch = java.util.Objects.requireNonNull(scratch, "scratch");
        this.topology = topology;
        this.failRegion = failRegion;
        this.fault = fault;
        this.clock = clock;
        this.printer = printer;
        this.phases = new PhaseClock(clock, Set.of(Phase.DETECTION, Phase.DECISION));
        this.waits = new Waits(printer);
    }

    public DrillReport run() {
        lab = track(Lab.start(scratch));
        // the detector builds ARNs from the topology's account: moto must run in it too
        WorkflowHarness harness = track(new WorkflowHarness(topology.account().orElse(dev.crossfade.local.ResourceNames.ACCOUNT),
                lab.motoEnvironment(), scratch));
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
        var handlers = WorkflowHarness.handlers(lab.clients(List.of(mutations)), app.config(topology.failover().approvalForDataLoss()));
        app.regions().forEach(r -> harness.deployWorkflow(app, r, handlers));
        printer.line("setup", "created " + topology.name() + " in " + app.regions() + ": " + topology.database().engine().key()
                + ", hosted zone " + topology.domain().name() + ", health checks, records (" + topology.routing().key() + ")"
                + (app.acceleratorArn().isPresent() ? ", accelerator" : "") + ", tables, buckets, state machine " + app.names().stateMachine()
                + " in each region");
        endpoints.forEach((r, uri) -> printer.line("setup", r + " app answers " + uri));
        detectors = new LocalDetectors(app, clock, new PrintStream(OutputStream.nullOutputStream()), lab::endpoint).isolateFailures();

        HealthProber canaries = track(new HealthProber(topology, fleet.targets(), clock, this::deliver, printer.probes()));
        Route53Checker checker = track(new Route53Checker(topology, dns, clock, this::deliver, e -> printer.line("setup", e)));
        canaries.start();
        checker.start();
        Duration setupDeadline = Duration.ofSeconds(30).plus(canaries.interval().multipliedBy(topology.healthCheck().failureThreshold() * 2L));
        await(setupDeadline, "every alarm OK before the fault (" + topology.healthCheck().failureThreshold()
                + " passing health checks in a row, one every " + canaries.interval().toMillis() + " ms)", () -> app.regions().stream().allMatch(r ->
                canaries.alarms(r).stream().allMatch(a -> AlarmState.OK.equals(a.state().value())) && checker.alarm(r).map(a -> AlarmState.OK.equals(a.state().value())).orElse(false)));
        printer.line("setup", "every region healthy; canary interval " + canaries.interval().toMillis() + " ms (" + topology.healthCheck().intervalSeconds()
                + " s / time scale " + clock.scale().factor() + "), threshold " + topology.healthCheck().failureThreshold()
                + ", quorum " + topology.failover().quorum() + ", dwell " + topology.failover().dwellSeconds() + " s (drill clock)");
        load = track(new WriteLoad(lab.servers(), this::dnsRegion, Duration.ofMillis(50), Duration.ofMillis(250), 1,
                System.nanoTime() - clock.elapsedMillis() * 1_000_000L).start(app.primary()));
        await(Duration.ofSeconds(30), "the write load's first acknowledged writes", () -> load.acknowledged().size() >= 10);
        printer.line("setup", "write load: a sequenced row every 50 ms to the region the DNS answer names, each read back");
        startTicks();

        phases.begin(Phase.DETECTION);
        injectFault();
        Duration decisionDeadline = clock.scale().toWall(Duration.ofSeconds(topology.healthCheck().intervalSeconds()
                * (topology.healthCheck().failureThreshold() + 2L) + topology.failover().dwellSeconds() * 2L + 3 * 60L)).plusSeconds(15);
        boolean decided = waits.until(Phase.DECISION, "a decision (signals failing " + topology.healthCheck().failureThreshold()
                + " health checks in a row, then the detectors' dwell)", decisionDeadline,
                () -> failover.get() != null || standbyOut.get() != null, this::decisionWait);
        if (!decided || failover.get() == null) {
            return noFailover();
        }
        return workflow(harness, failover.get());
    }

    private void injectFault() {
        switch (fault) {
            case REGION_OUTAGE -> {
                fleet.region(failRegion).fail();
                detectors.setDown(failRegion, true);
                lab.outage(failRegion);
                printer.line(Phase.DETECTION, "fault injected: region-outage of " + failRegion + ": its app, its database server and its"
                        + " AWS endpoints are unreachable; its detector and its alarms are gone with it");
            }
            case HEALTH -> {
                fleet.region(failRegion).fail();
                printer.line(Phase.DETECTION, "fault injected: " + failRegion + " stops answering " + topology.app().healthPath());
            }
            case PARTITION -> {
                fleet.region(failRegion).fail();
                lab.servers().regions().forEach(r -> {
                    boolean replicaOfOrIn = r.equals(failRegion) || failRegion.equals(lab.servers().sourceOf(r).orElse(null));
                    if (replicaOfOrIn && lab.servers().server(r).inRecovery()) {
                        lab.servers().server(r).cutReplication();
                    }
                });
                lab.partition(failRegion);
                printer.line(Phase.DETECTION, "fault injected: partition of " + failRegion + ": the other regions cannot reach it (app,"
                        + " replication, AWS endpoints); its database still takes its clients' writes");
            }
            case REPLICATION_LAG -> {
                lab.servers().server(failRegion).pauseReplay();
                printer.line(Phase.DETECTION, "fault injected: " + failRegion + "'s replica stops applying changes (pg_wal_replay_pause)");
            }
            case FLAP -> startFlapping();
        }
    }

    private void startFlapping() {
        ScheduledExecutorService flaps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-flap");
            t.setDaemon(true);
            return t;
        });
        track(flaps::shutdownNow);
        long period = clock.scale().toWall(Duration.ofSeconds((long) topology.healthCheck().intervalSeconds()
                * (topology.healthCheck().failureThreshold() + 1))).toNanos();
        java.util.concurrent.atomic.AtomicBoolean failing = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable toggle = () -> {
            if (failing.compareAndSet(false, true)) {
                fleet.region(failRegion).fail();
                printer.line(Phase.DETECTION, "flap: " + failRegion + " stops answering " + topology.app().healthPath());
            } else if (failing.compareAndSet(true, false)) {
                fleet.region(failRegion).recover();
                printer.line(Phase.DETECTION, "flap: " + failRegion + " answers again");
            }
        };
        toggle.run();
        flaps.scheduleAtFixedRate(toggle, period, period, TimeUnit.NANOSECONDS);
    }

    /**
     * The database the write load's client writes to. Active-passive: the region the application's
     * name resolves to now (its app writes to its own region's database). Active-active: every
     * region's app writes to the one writer, found as the global writer endpoint finds it (the
     * RDS API's view of the writer).
     */
    private Optional<String> dnsRegion() {
        if (topology.mode() == Topology.Mode.ACTIVE_ACTIVE) {
            return app.writerRegions().stream().findFirst();
        }
        List<String> answers = new DnsAnswer(dns.route53(), dns.zoneId(), this::routingOn).regions(topology.domain().name());
        return answers.stream().filter(app.regions()::contains).findFirst();
    }

    /** The region an alarm event comes from; its events are lost when that region is out or cut off. */
    private boolean fromUnreachableRegion(String event) {
        if (fault != Fault.REGION_OUTAGE && fault != Fault.PARTITION || !phasesStarted()) {
            return false;
        }
        String region = event.replaceFirst("(?s).*?\"region\":\"([a-z0-9-]+)\".*", "$1");
        return region.equals(failRegion);
    }

    private boolean phasesStarted() {
        return lab != null && (lab.isDown(failRegion) || lab.isPartitioned(failRegion));
    }

    /** Alarm events reach every detector, one at a time (EventBridge forwarding). */
    private synchronized void deliver(String event) {
        if (fromUnreachableRegion(event)) {
            if (eventsLost.getAndIncrement() == 0) {
                printer.line(Phase.DETECTION, "alarm events raised in " + failRegion + " are lost with it (e.g. "
                        + event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1") + ")");
            }
            return;
        }
        boolean alarm = event.contains("\"value\":\"ALARM\"") && event.contains("-" + failRegion + "-");
        if (alarm) {
            String name = event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1");
            alarmsInAlarm.add(name);
            int needed = Math.min(topology.failover().quorum(), 2);
            if (alarmsInAlarm.size() == needed) {
                phases.end(Phase.DETECTION);
                quorumAtMillis = phases.begin(Phase.DECISION);
                Duration dwell = Duration.ofSeconds(topology.failover().dwellSeconds());
                printer.line(Phase.DECISION, "quorum reached (" + needed + " signal" + (needed == 1 ? "" : "s") + " in ALARM); the detectors"
                        + " wait the dwell, " + dwell.toSeconds() + " s (" + clock.scale().toWall(dwell).toMillis()
                        + " ms at this time scale), and decide on their next evaluation");
            }
        }
        if (event.contains("-health-check\"")) {
            String state = event.replaceFirst("(?s).*\"state\":\\{", "").replaceFirst("(?s).*?\"value\":\"([A-Z_]+)\".*", "$1");
            printer.line(alarm ? Phase.DETECTION : "route53", "alarm " + event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1")
                    + " -> " + state + " in us-east-1 (Route 53 health check), event sent");
        }
        mirrorHealthAlarm(event);
        decide(detectors.deliver(event), alarm ? "alarm " + event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1") : null);
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

    private synchronized void decide(Map<String, Decision> decisions, String trigger) {
        decisions.forEach((region, d) -> {
            if (d.action() == Decision.Action.FAILOVER && failover.get() == null) {
                phases.end(Phase.DECISION);
                failover.set(d);
                printer.line(Phase.DECISION, "detector in " + region + ": FAILOVER " + d.from().orElse("?") + " -> " + d.to().orElse("?")
                        + ", execution " + d.executionName().orElse("?") + " started in " + d.to().orElse("?"));
            } else if (d.action() == Decision.Action.NOTIFY_ONLY && d.to().isEmpty() && d.from().filter(failRegion::equals).isPresent()
                    && standbyOut.get() == null) {
                phases.end(Phase.DECISION);
                standbyOut.set(d);
                printer.line(Phase.DECISION, "detector in " + region + ": " + d.reason());
            } else if (d.action() != Decision.Action.NONE && trigger != null) {
                printer.line(Phase.DECISION, "detector in " + region + ": " + d.action() + " (" + d.reason() + ")");
            }
        });
    }

    private void startTicks() {
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-detector-schedule");
            t.setDaemon(true);
            return t;
        });
        track(ticks::shutdownNow);
        long period = clock.scale().toWall(Duration.ofMinutes(1)).toNanos();
        ticks.scheduleAtFixedRate(() -> {
            try {
                synchronized (this) {
                    decide(detectors.tick(clock.instant()), null);
                }
            } catch (RuntimeException e) {
                printer.line(Phase.DECISION, "scheduled evaluation failed: " + e.getMessage());
            }
        }, period, period, TimeUnit.NANOSECONDS);
    }

    private DrillReport workflow(WorkflowHarness harness, Decision decision) {
        String to = decision.to().orElseThrow();
        String arn = "arn:aws:states:" + to + ":" + harness.account() + ":execution:"
                + app.names().stateMachine() + ":" + decision.executionName().orElseThrow();
        DescribeExecutionResponse run = new WorkflowProgress(printer, clock.origin())
                .follow(() -> harness.describe(to, arn), () -> harness.history(to, arn), Duration.ofSeconds(90));
        ExecutionPhases history = new ExecutionPhases(harness.history(to, arn), clock.origin());
        history.phases().forEach(p -> phases.record(p.name(), p.startMillis(), p.endMillis()));
        DrillReport.Result result = switch (run.status()) {
            case SUCCEEDED -> DrillReport.Result.SUCCEEDED;
            default -> history.stoppedSafely() ? DrillReport.Result.ABORTED : DrillReport.Result.FAILED;
        };
        printer.line(result == DrillReport.Result.SUCCEEDED ? Phase.VERIFICATION : "workflow",
                "execution " + run.status() + (run.error() != null ? ": " + run.error() + " " + run.cause() : ""));
        return report(result, result == DrillReport.Result.SUCCEEDED ? to : null, decision.from().orElse(failRegion));
    }

    private DrillReport noFailover() {
        phases.phases(); // detection may have ended; an unfinished decision is not a phase
        if (standbyOut.get() != null) {
            printer.line(Phase.DECISION, "no failover: " + failRegion + " is a standby, out of traffic; the writer stays where it is"
                    + " (signals in ALARM: " + alarmsInAlarm + ")");
            return report(DrillReport.Result.NO_FAILOVER, null, failRegion);
        }
        if (fault == Fault.REPLICATION_LAG) {
            double lag = lab.publisher().flatMap(p -> p.published().stream().filter(d -> d.region().equals(failRegion))
                    .reduce((a, b) -> b)).map(d -> d.lagSeconds()).orElse(0.0);
            printer.line(Phase.DECISION, String.format(java.util.Locale.ROOT, "no failover: a lagging replica is no failover signal;"
                    + " %s's ReplicaLag, as published last, is %.1f s (the RPO budget, %d s, guards the next failover to it)",
                    failRegion, lag, topology.failover().rpoBudgetSeconds()));
        } else if (eventsLost.get() > 0 && alarmsInAlarm.size() < topology.failover().quorum()) {
            printer.line(Phase.DECISION, "no failover: " + alarmsInAlarm.size() + " of the " + topology.failover().quorum()
                    + " signals the quorum needs arrived (" + alarmsInAlarm + "); " + eventsLost.get() + " alarm events raised in "
                    + failRegion + " were lost with it: this topology's quorum cannot be met when " + failRegion + " is entirely down");
        } else {
            printer.line(Phase.DECISION, "no failover: the policy moved nothing away from " + failRegion
                    + " (signals that reached ALARM: " + new java.util.LinkedHashSet<>(alarmsInAlarm) + ", " + alarmsInAlarm.size()
                    + " times; quorum " + topology.failover().quorum() + ", dwell " + topology.failover().dwellSeconds() + " s)");
        }
        return report(DrillReport.Result.NO_FAILOVER, null, failRegion);
    }

    private DrillReport report(DrillReport.Result result, String newPrimary, String failed) {
        FinalStateReader.Finale finale = new FinalStateReader(app, new DnsAnswer(dns.route53(), dns.zoneId(), this::routingOn),
                () -> lab.servers().writers()).read();
        finale.notes().forEach(n -> printer.line("final", n));
        List<DrillReport.Mutation> calls = mutations.mutations().stream()
                .map(m -> new DrillReport.Mutation(m.service(), m.action(), m.region())).toList();
        DrillReport.Data data = measureData(finale.state().writerRegion(), finale.state().dnsAnswerRegion());
        DrillReport measured = DrillReport.of(topology.name(), failed, newPrimary, result, 0, phases.phases(), finale.state(), calls,
                clock.scale(), printer.events()).with(fault.key(), clock.origin().toString(),
                failover.get() == null ? null : failover.get().executionName().orElse(null), data);
        return ModelledPromotion.of(topology.database().engine(), measured).map(measured::withModelledPromotion).orElse(measured);
    }

    /** The write load's history against the final writer's rows; null when there is no single writer to compare with. */
    private DrillReport.Data measureData(String writers, String dnsAnswer) {
        if (load == null) {
            return null;
        }
        String writer = writers;
        if (writers != null && writers.contains(",") && dnsAnswer != null && List.of(writers.split(",")).contains(dnsAnswer)) {
            writer = dnsAnswer; // two writers (split brain): the history is compared with the one clients now reach
            printer.line("data", "two databases take writes (" + writers + "); the writes are compared with " + dnsAnswer
                    + ", the one the DNS answer names: what only the other kept is counted lost");
        }
        if (writer == null || writer.isEmpty() || writer.contains(",")) {
            load.stop();
            printer.line("data", (writer == null || writer.isEmpty() ? "no database takes writes" : "two writers: " + writer)
                    + " at the end; lost writes cannot be measured (" + load.acknowledged().size() + " writes were acknowledged, "
                    + load.failures().size() + " refused or cut off)");
            return null;
        }
        WriteLoad.Result r = load.finish(writer);
        Map<String, List<Integer>> perSecond = new LinkedHashMap<>();
        int seconds = (int) (clock.elapsedMillis() / 1000) + 1;
        for (String region : app.regions()) {
            perSecond.put(region, new ArrayList<>(java.util.Collections.nCopies(seconds, 0)));
        }
        r.acks().forEach(a -> perSecond.computeIfAbsent(a.region(), k -> new ArrayList<>(java.util.Collections.nCopies(seconds, 0)))
                .set((int) Math.min(seconds - 1, a.ackedAtMillis() / 1000), perSecond.get(a.region()).get((int) Math.min(seconds - 1, a.ackedAtMillis() / 1000)) + 1));
        List<Long> lostAt = r.acks().stream().filter(a -> r.lostSequence().contains(a.seq())).map(WriteLoad.Ack::ackedAtMillis).toList();
        printer.line("data", r.acknowledgedWrites() + " writes acknowledged, " + r.lostWrites() + " lost (absent from the final writer "
                + writer + "), " + r.staleReads() + " stale reads, " + r.failedWrites() + " writes refused or cut off");
        return new DrillReport.Data(r.acknowledgedWrites(), r.lostWrites(), r.dataLossWindowMillis(), r.staleReads(), r.failedWrites(),
                r.writeUnavailableMillis(), perSecond, lostAt);
    }

    /** Region -> its routing-control health check as Route 53 evaluates it (MetricHealthCheck), in the drill's time scale. */
    private final Map<String, dev.crossfade.local.MetricHealthCheck> routingChecks = new java.util.concurrent.ConcurrentHashMap<>();

    private boolean routingOn(String region) {
        return routingChecks.computeIfAbsent(region, r -> app.routingCheck(r, clock.scale().factor()))
                .healthy(java.time.Instant.now());
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            started.add(resource);
        }
        return resource;
    }

    private void await(Duration timeout, String what, BooleanSupplier done) {
        if (!waits.until("setup", what, timeout, done, () -> "")) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** What the decision waits on now: the failing signals, or the rest of the dwell. */
    private String decisionWait() {
        long quorumAt = quorumAtMillis;
        if (quorumAt < 0) {
            return alarmsInAlarm.size() + " of " + Math.min(topology.failover().quorum(), 2) + " signals in ALARM so far";
        }
        long dwellWall = clock.scale().toWall(Duration.ofSeconds(topology.failover().dwellSeconds())).toMillis();
        long left = dwellWall - (clock.elapsedMillis() - quorumAt);
        return left > 0 ? "dwell: " + left + " ms left (drill clock)" : "dwell over; the next evaluation decides";
    }

    /** Stops everything started, newest first; safe to call twice (Ctrl-C hook and normal exit). */
    @Override
    public void close() {
        List<AutoCloseable> reversed;
        synchronized (started) {
            reversed = new ArrayList<>(started);
            started.clear();
        }
        java.util.Collections.reverse(reversed);
        for (AutoCloseable c : reversed) {
            try {
                c.close();
            } catch (Exception e) {
                // keep stopping the rest
            }
        }
    }

    Optional<EmulatedApplication> application() {
        return Optional.ofNullable(app);
    }
}
