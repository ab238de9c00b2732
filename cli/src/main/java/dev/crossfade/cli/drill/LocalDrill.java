package dev.crossfade.cli.drill;

import dev.crossfade.decision.Decision;
import dev.crossfade.local.DnsAnswer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.EmulatedDns;
import dev.crossfade.local.LocalDetectors;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
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
import java.util.concurrent.locks.LockSupport;
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
    private final DrillClock clock;
    private final TimelinePrinter printer;
    private final PhaseClock phases;
    private final List<AutoCloseable> started = new ArrayList<>();
    private EmulatedDns dns;
    private final AtomicReference<Decision> failover = new AtomicReference<>();
    private final List<String> alarmsInAlarm = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final MutationRecorder mutations = new MutationRecorder();
    private LocalDetectors detectors;
    private EmulatedApplication app;

    public LocalDrill(Topology topology, String failRegion, DrillClock clock, TimelinePrinter printer) {
        this.topology = topology;
        this.failRegion = failRegion;
        this.clock = clock;
        this.printer = printer;
        this.phases = new PhaseClock(clock, Set.of(Phase.DETECTION, Phase.DECISION));
    }

    public DrillReport run() {
        // the detector builds ARNs from the topology's account: moto must run in it too
        WorkflowHarness harness = track(new WorkflowHarness(topology.account().orElse(dev.crossfade.local.ResourceNames.ACCOUNT)));
        printer.line("setup", "emulated AWS (moto + gap fillers) on " + harness.moto().endpoint());
        HealthFleet fleet = track(HealthFleet.start(topology));
        app = EmulatedApplication.deploy(harness.moto(), topology);
        Map<String, URI> endpoints = new LinkedHashMap<>();
        app.regions().forEach(r -> endpoints.put(r, fleet.region(r).healthUri()));
        dns = track(EmulatedDns.create(harness.moto().endpoint(), topology, endpoints));
        var handlers = WorkflowHarness.handlers(app.clients(Set.of(), List.of(mutations)), app.config(topology.failover().approvalForDataLoss()));
        app.regions().forEach(r -> harness.deployWorkflow(app, r, handlers));
        printer.line("setup", "created " + topology.name() + " in " + app.regions() + ": " + topology.database().engine().key()
                + ", hosted zone " + topology.domain().name() + ", health checks, records (" + topology.routing().key() + ")"
                + (app.acceleratorArn().isPresent() ? ", accelerator" : "") + ", tables, buckets, state machine " + app.names().stateMachine()
                + " in each region");
        endpoints.forEach((r, uri) -> printer.line("setup", r + " app answers " + uri));
        detectors = new LocalDetectors(app, clock, new PrintStream(OutputStream.nullOutputStream()));

        HealthProber canaries = track(new HealthProber(topology, fleet.targets(), clock, this::deliver, printer.probes()));
        Route53Checker checker = track(new Route53Checker(topology, dns, clock, this::deliver, e -> printer.line("setup", e)));
        canaries.start();
        checker.start();
        Duration setupDeadline = Duration.ofSeconds(30).plus(canaries.interval().multipliedBy(topology.healthCheck().failureThreshold() * 2L));
        await(setupDeadline, "every alarm OK before the fault", () -> app.regions().stream().allMatch(r ->
                AlarmState.OK.equals(canaries.alarm(r).state().value()) && checker.alarm(r).map(a -> AlarmState.OK.equals(a.state().value())).orElse(false)));
        printer.line("setup", "every region healthy; canary interval " + canaries.interval().toMillis() + " ms (" + topology.healthCheck().intervalSeconds()
                + " s / time scale " + clock.scale().factor() + "), threshold " + topology.healthCheck().failureThreshold()
                + ", quorum " + topology.failover().quorum() + ", dwell " + topology.failover().dwellSeconds() + " s (drill clock)");
        startTicks();

        phases.begin(Phase.DETECTION);
        fleet.region(failRegion).fail();
        printer.line(Phase.DETECTION, "fault injected: " + failRegion + " stops answering " + topology.app().healthPath());
        Duration decisionDeadline = clock.scale().toWall(Duration.ofSeconds(topology.healthCheck().intervalSeconds()
                * (topology.healthCheck().failureThreshold() + 2L) + topology.failover().dwellSeconds() * 2L + 3 * 60L)).plusSeconds(15);
        boolean decided = awaitQuietly(decisionDeadline, () -> failover.get() != null);
        if (!decided) {
            return noFailover();
        }
        return workflow(harness, failover.get());
    }

    /** Alarm events reach every detector, one at a time (EventBridge forwarding). */
    private synchronized void deliver(String event) {
        boolean alarm = event.contains("\"value\":\"ALARM\"") && event.contains("-" + failRegion + "-");
        if (alarm) {
            String name = event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1");
            alarmsInAlarm.add(name);
            int needed = Math.min(topology.failover().quorum(), 2);
            if (alarmsInAlarm.size() == needed) {
                phases.end(Phase.DETECTION);
                phases.begin(Phase.DECISION);
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
        DescribeExecutionResponse run = harness.awaitEnd(to, arn);
        ExecutionPhases history = new ExecutionPhases(harness.history(to, arn), clock.origin());
        history.phases().forEach(p -> phases.record(p.name(), p.startMillis(), p.endMillis()));
        phases.phases().stream().filter(p -> !p.name().equals(Phase.DETECTION) && !p.name().equals(Phase.DECISION))
                .forEach(p -> printer.line(p.name(), "took " + p.durationMillis() + " ms (execution history)"));
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
        printer.line(Phase.DECISION, "no failover: " + failRegion + " takes no traffic the policy would move"
                + " (signals in ALARM: " + alarmsInAlarm + ")");
        return report(DrillReport.Result.NO_FAILOVER, null, failRegion);
    }

    private DrillReport report(DrillReport.Result result, String newPrimary, String failed) {
        FinalStateReader.Finale finale = new FinalStateReader(app, new DnsAnswer(dns.route53(), dns.zoneId(), this::routingOn)).read();
        finale.notes().forEach(n -> printer.line("final", n));
        List<DrillReport.Mutation> calls = mutations.mutations().stream()
                .map(m -> new DrillReport.Mutation(m.service(), m.action(), m.region())).toList();
        return DrillReport.of(topology.name(), failed, newPrimary, result, 0, phases.phases(), finale.state(), calls,
                clock.scale(), printer.events());
    }

    private boolean routingOn(String region) {
        return app.routing().read(region).map(v -> v >= 1).orElse(false);
    }

    private <T extends AutoCloseable> T track(T resource) {
        synchronized (started) {
            started.add(resource);
        }
        return resource;
    }

    private static void await(Duration timeout, String what, BooleanSupplier done) {
        if (!awaitQuietly(timeout, done)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    private static boolean awaitQuietly(Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        return true;
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
