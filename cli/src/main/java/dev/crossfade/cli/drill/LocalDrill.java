package dev.crossfade.cli.drill;

import dev.crossfade.decision.Decision;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.LocalDetectors;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.lab.Lab;
import dev.crossfade.local.lab.WriteLoad;
import dev.crossfade.topology.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

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
    private LabRig rig;
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
    private final java.nio.file.Path scratch;
    private final AtomicReference<Decision> failover = new AtomicReference<>();
    /** Active-active: the failed region was a standby, taken out of traffic without a run (docs/detection.md). */
    private final AtomicReference<Decision> standbyOut = new AtomicReference<>();
    private final List<String> alarmsInAlarm = new java.util.concurrent.CopyOnWriteArrayList<>();
    private LocalDetectors detectors;
    private EmulatedApplication app;

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
        rig = new LabRig(topology, clock, printer, scratch, new LabRig.Listener() {
            @Override
            public void lost(String event) {
                LocalDrill.this.lost(event);
            }

            @Override
            public void event(String event) {
                LocalDrill.this.deliver(event);
            }

            @Override
            public void decided(Map<String, Decision> decisions, String event) {
                decide(decisions, event == null || !alarmAboutFailed(event) ? null
                        : "alarm " + event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1"));
            }

            @Override
            public void tickFailed(RuntimeException e) {
                printer.line(Phase.DECISION, "scheduled evaluation failed: " + e.getMessage());
            }

            @Override
            public void fenced(String region, dev.crossfade.functions.workflow.database.WriterGuard.Outcome outcome) {
                printer.line(Phase.DECISION, region + " writer guard: " + outcome.detail());
            }
        });
        rig.setUp();
        lab = rig.lab();
        fleet = rig.fleet();
        app = rig.app();
        detectors = rig.detectors();
        WorkflowHarness harness = rig.harness();
        load = rig.startLoad();
        rig.startTicks();

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
        new FaultInjector(rig, printer::line).inject(fault, failRegion, Optional.empty());
    }

    /** An alarm event raised in the failed region while it is out or cut off: lost with it. */
    private void lost(String event) {
        if (eventsLost.getAndIncrement() == 0) {
            printer.line(Phase.DETECTION, "alarm events raised in " + failRegion + " are lost with it (e.g. "
                    + event.replaceFirst("(?s).*\"alarmName\":\"([^\"]+)\".*", "$1") + ")");
        }
    }

    private boolean alarmAboutFailed(String event) {
        return event.contains("\"value\":\"ALARM\"") && event.contains("-" + failRegion + "-");
    }

    /** Alarm events reach every detector, one at a time (EventBridge forwarding): the phases they end. */
    private synchronized void deliver(String event) {
        boolean alarm = alarmAboutFailed(event);
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

    private DrillReport workflow(WorkflowHarness harness, Decision decision) {
        String to = decision.to().orElseThrow();
        String arn = "arn:aws:states:" + to + ":" + harness.account() + ":execution:"
                + app.names().stateMachine() + ":" + decision.executionName().orElseThrow();
        DescribeExecutionResponse run = new WorkflowProgress(printer, clock.origin())
                .follow(() -> harness.describe(to, arn), () -> harness.history(to, arn), Duration.ofSeconds(90));
        executionHistory = harness.history(to, arn);
        ExecutionPhases history = new ExecutionPhases(executionHistory, clock.origin());
        history.phases().forEach(p -> phases.record(p.name(), p.startMillis(), p.endMillis()));
        DrillReport.Result result = switch (run.status()) {
            case SUCCEEDED -> DrillReport.Result.SUCCEEDED;
            default -> history.stoppedSafely() ? DrillReport.Result.ABORTED : DrillReport.Result.FAILED;
        };
        printer.line(result == DrillReport.Result.SUCCEEDED ? Phase.VERIFICATION : "workflow",
                "execution " + run.status() + (run.error() != null ? ": " + run.error() + " " + run.cause() : ""));
        return report(result, result == DrillReport.Result.SUCCEEDED ? to : null, decision.from().orElse(failRegion));
    }

    /** The workflow's execution history, once it ended (null: no run). */
    private List<software.amazon.awssdk.services.sfn.model.HistoryEvent> executionHistory;

    /** The emulator's time on the measured recovery's critical path; null without a run or phases. */
    private DrillReport.EmulatorOverhead emulatorOverhead(DrillReport measured) {
        if (executionHistory == null || measured.phases().isEmpty()) {
            return null;
        }
        long first = measured.phases().stream().mapToLong(Phase::startMillis).min().orElse(0);
        long last = measured.phases().stream().mapToLong(Phase::endMillis).max().orElse(0);
        return EmulatorOverhead.measure(executionHistory, rig.harness().bridge().invocations(), rig.calls(), rig.tickStarts(),
                clock.origin(), first, last, measured.rtoMillis());
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
        FinalStateReader.Finale finale = new FinalStateReader(app, rig.dnsAnswer(),
                () -> lab.servers().writers()).read();
        finale.notes().forEach(n -> printer.line("final", n));
        List<DrillReport.Mutation> calls = rig.mutations().mutations().stream()
                .map(m -> new DrillReport.Mutation(m.service(), m.action(), m.region())).toList();
        DrillReport.Data data = measureData(finale.state().writerRegion(), finale.state().dnsAnswerRegion());
        DrillReport measured = DrillReport.of(topology.name(), failed, newPrimary, result, 0, phases.phases(), finale.state(), calls,
                clock.scale(), printer.events()).with(fault.key(), clock.origin().toString(),
                failover.get() == null ? null : failover.get().executionName().orElse(null), data);
        DrillReport.EmulatorOverhead overhead = emulatorOverhead(measured);
        DrillReport withOverhead = overhead == null ? measured : measured.withEmulatorOverhead(overhead);
        return ModelledPromotion.of(topology.database().engine(), withOverhead).map(withOverhead::withModelledPromotion).orElse(withOverhead);
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
        if (rig != null) {
            rig.close();
        }
    }

    Optional<EmulatedApplication> application() {
        return Optional.ofNullable(app);
    }
}
