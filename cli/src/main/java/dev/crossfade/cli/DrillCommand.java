package dev.crossfade.cli;

import dev.crossfade.cli.drill.DrillClock;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReportJson;
import dev.crossfade.cli.drill.DrillScratch;
import dev.crossfade.cli.drill.Fault;
import dev.crossfade.cli.drill.HtmlReport;
import dev.crossfade.cli.drill.LocalDrill;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.cli.drill.TimelinePrinter;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import dev.crossfade.cli.remote.RemoteRun;
import dev.crossfade.cli.remote.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A drill. With {@code --local}: the local game day (docs/drill.md), emulated AWS on loopback, real
 * handlers, real ASL, a real fault. Without: a planned switchover (or {@code --dry-run}) of the
 * deployed workflow in the account (docs/operations.md).
 */
@Command(name = "drill", mixinStandardHelpOptions = true,
        description = {"Rehearses a regional failover.",
                "--local runs it on this machine against emulated AWS with a real fault and prints the phase timeline and",
                "the measured recovery time. Without --local it starts the deployed workflow in the account as a planned",
                "switchover (or --dry-run, which changes nothing) and follows it live."})
final class DrillCommand implements Callable<Integer> {

    static final Path DEFAULT_TOPOLOGY = Path.of("examples", "seed-active-passive.yaml");
    /** Keeps the seed drill (30 s detection, 60 s dwell) at a few seconds of wall clock on a 2-core machine. */
    static final double DEFAULT_TIME_SCALE = 20;

    @Option(names = "--local", description = "Run against emulated AWS on loopback (no account needed).")
    boolean local;

    @Option(names = "--dry-run", description = "Without --local: run the workflow in dry-run mode (zero mutating calls; prints the plan).")
    boolean dryRun;

    @Option(names = "--from", paramLabel = "REGION", description = "Without --local: the region to move away from (default: the primary).")
    String from;

    @Option(names = "--to", paramLabel = "REGION", description = "Without --local: the region to activate (default: the best-priority other region).")
    String to;

    @Mixin
    RunOptions remote;

    @Mixin
    LabTopologyOption topologyOption;

    @Option(names = "--fail", paramLabel = "REGION", description = "The region whose health endpoint stops answering (default: the primary).")
    String fail;

    @Option(names = "--fault", paramLabel = "KIND", description = "With --local: what happens to the failed region (default: "
            + "${DEFAULT-VALUE}): region-outage (app, database and AWS endpoints unreachable), health (only /health fails), "
            + "partition (cut off from the other regions), replication-lag (its replica stops applying), flap (health fails and "
            + "recovers over and over).", defaultValue = "region-outage")
    String fault;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report JSON (docs/cli.md) here.")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML page with the timeline chart here.")
    Path html;

    @Option(names = "--time-scale", paramLabel = "X", description = "Topology intervals (health checks, dwell, schedule) run X times "
            + "faster (default: ${DEFAULT-VALUE}); measured times are reported as measured, with their real-world equivalent.",
            defaultValue = "20")
    double timeScale;

    @Option(names = {"-q", "--quiet"}, description = "With --local: no live progress (timeline lines, waits, workflow steps); "
            + "the final summary and the report files stay.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Topology topology = topologyOption.load();
        if (!local) {
            if (fail != null || !"region-outage".equals(fault)) {
                throw new BadInputException("--fail and --fault go with --local; against an account the drill is a "
                        + "planned switchover (use --to, --dry-run)");
            }
            if (quiet) {
                throw new BadInputException("--quiet goes with --local; a run in the account is followed live");
            }
            return RemoteRun.drill(topology, Optional.ofNullable(from), Optional.ofNullable(to), dryRun, remote,
                    spec.commandLine().getOut(), spec.commandLine().getErr(),
                    new dev.crossfade.cli.remote.ReportFiles(Optional.ofNullable(report), Optional.ofNullable(html), topologyOption.file()));
        }
        if (dryRun || from != null || to != null) {
            throw new BadInputException("--dry-run, --from and --to go without --local; the local drill fails a region (--fail)");
        }
        Fault kind = Fault.of(fault).orElseThrow(() -> new BadInputException("--fault " + fault + " is not a fault kind; kinds: " + Fault.keys()));
        String failed = fail != null ? fail : kind == Fault.REPLICATION_LAG && !topology.secondaryRegions().isEmpty()
                ? topology.secondaryRegions().getFirst().name() : topology.primaryRegion().name();
        if (topology.enabledRegions().stream().noneMatch(r -> r.name().equals(failed))) {
            throw new BadInputException("--fail " + failed + " is not an enabled region of " + topology.name() + "; enabled: "
                    + topology.enabledRegions().stream().map(Topology.Region::name).toList());
        }
        if (kind == Fault.REPLICATION_LAG && failed.equals(topology.primaryRegion().name())) {
            throw new BadInputException("--fault replication-lag needs a replica region; " + failed + " is the primary (writer)");
        }
        TimeScale scale = timeScale(timeScale);
        PrintWriter out = spec.commandLine().getOut();
        if (!quiet) {
            out.printf(Locale.ROOT, "Local drill of %s (%s): %s of %s; time scale %s (topology intervals run %s times faster; "
                    + "measured times below are wall clock)%n", topology.name(), topology.mode().key(), kind.key(), failed, timeScale, timeScale);
        }
        DrillClock clock = DrillClock.startNow(scale);
        TimelinePrinter printer = new TimelinePrinter(out, clock, !quiet);
        DrillScratch scratch = DrillScratch.create();
        printer.progress("setup", "temporary files in " + scratch.root() + " (removed when the drill ends, also on a failure or Ctrl-C)");
        LocalDrill drill = new LocalDrill(topology, failed, kind, clock, printer, scratch.root());
        Thread stopOnInterrupt = new Thread(() -> {
            drill.close();
            scratch.close();
        }, "crossfade-drill-stop");
        Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        DrillReport result;
        try {
            result = drill.run();
        } finally {
            drill.close();
            scratch.close();
            removeHook(stopOnInterrupt);
        }
        printer.summary(result);
        if (report != null) {
            DrillReportJson.write(result, report);
            out.println("report: " + report.toAbsolutePath());
        }
        if (html != null) {
            HtmlReport.write(result, html);
            out.println("html:   " + html.toAbsolutePath());
        }
        int code = exitCode(result);
        if (result.result() == DrillReport.Result.NO_FAILOVER && code != Main.OK) {
            out.println("no failover, and the application is left without a single writer (writers: ["
                    + result.finalState().writerRegion() + "]): the drill fails");
        }
        return code;
    }

    /**
     * 0 for a verified failover, or for no failover that leaves exactly one database taking writes
     * (the policy rightly moved nothing); a no-failover that leaves no writer, or two, is a failure of
     * the application the drill must not report as done (1). ABORTED is 3, FAILED 1.
     */
    static int exitCode(DrillReport result) {
        return switch (result.result()) {
            case SUCCEEDED -> Main.OK;
            case NO_FAILOVER -> {
                String writers = result.finalState().writerRegion();
                yield writers == null || writers.isEmpty() || writers.contains(",") ? Main.UNEXPECTED : Main.OK;
            }
            case ABORTED -> Main.REFUSED;
            case FAILED -> Main.UNEXPECTED;
        };
    }

    static TimeScale timeScale(double factor) {
        try {
            return new TimeScale(factor);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--time-scale " + factor + ": " + e.getMessage());
        }
    }

    static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is already stopping; the hook runs and close() is idempotent
        }
    }
}
