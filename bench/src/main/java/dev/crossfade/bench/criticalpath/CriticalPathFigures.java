package dev.crossfade.bench.criticalpath;

import dev.crossfade.bench.Figure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The critical-path rows. "One cold start" is the median cold-start cost of one step as deployed;
 * the goal is the path's cost at most {@value #TARGET_RATIO} times that.
 */
public final class CriticalPathFigures {

    public static final double TARGET_RATIO = 1.5;
    /** The drill reads this (cli resources): the cost a real failover adds when its functions are cold. */
    public static final String DRILL_RESOURCE = "cli/src/main/resources/dev/crossfade/cli/drill/critical-path-cold-starts.properties";

    private CriticalPathFigures() {}

    /** {@code results.get(0)} is the variant as deployed; the others are levers on it. SnapStart as infra's LambdaJvm says. */
    public static List<Figure> of(List<CriticalPathBenchmark.Result> results) {
        return of(results, dev.crossfade.infra.LambdaJvm.WORKFLOW_SNAPSTART);
    }

    /**
     * @param snapStartDeployed whether infra deploys the workflow functions with SnapStart: this
     *                          benchmark cannot restore a snapshot, so it then says that its "as
     *                          deployed" figures are the functions without SnapStart
     */
    public static List<Figure> of(List<CriticalPathBenchmark.Result> results, boolean snapStartDeployed) {
        CriticalPathBenchmark.Result deployed = results.get(0);
        double one = deployed.medianColdCostMs();
        List<CriticalPathBenchmark.Step> steps = deployed.steps();
        List<Figure> rows = new ArrayList<>();
        String path = steps.stream().map(s -> s.state() + " " + String.format(Locale.ROOT, "%.0f", deployed.coldCostMs(steps.indexOf(s))))
                .collect(Collectors.joining(", "));
        rows.add(row("critical path cold starts", deployed.sumColdCostMs(), one, String.format(Locale.ROOT,
                "%d Lambda steps in ASL order (%s), %s; sum of (cold run %.0f ms - warm handling %.0f ms); per step ms: %s",
                steps.size(), deployed.variant().name(), jarsNote(steps), sumWall(deployed), sumWarm(steps), path)));
        if (!deployed.preWarmed().isEmpty()) {
            String perStep = steps.stream().map(s -> s.state() + " " + String.format(Locale.ROOT, "%.0f", deployed.preWarmedCostMs(steps.indexOf(s))))
                    .collect(Collectors.joining(", "));
            rows.add(row("critical path cold starts, " + deployed.variant().name() + " + parallel pre-warm (measured)",
                    deployed.sumPreWarmedCostMs(), one, String.format(Locale.ROOT,
                            "median of %d rounds: the %d functions of the path started at once in their own JVMs when the run starts (warm-up event),"
                                    + " the path then walked; per step max(0, reached-to-done - warm handling), ms: %s; last function ready %.0f ms"
                                    + " after the start. All JVMs share this machine's %d cores (Lambda gives each instance its own): pessimistic",
                            deployed.preWarmed().size(), steps.stream().map(CriticalPathBenchmark.Step::key).distinct().count(), perStep,
                            deployed.medianLastReadyMs(), Runtime.getRuntime().availableProcessors())));
        }
        for (CriticalPathBenchmark.Result r : results.subList(1, results.size())) {
            rows.add(row("critical path cold starts, " + r.variant().name(), r.sumColdCostMs(), one,
                    String.format(Locale.ROOT, "cold runs %.0f ms in all", sumWall(r))));
        }
        for (CriticalPathBenchmark.Result r : results) {
            rows.add(row("critical path cold starts, " + r.variant().name() + " + parallel pre-warm (model)", r.maxColdCostMs(), one,
                    "modelled, not run: every step's function initialised in parallel when the run starts, so the path pays at most"
                            + " the slowest step's cold cost (an upper bound: the pre-warm overlaps the first steps)"));
            rows.add(row("critical path cold starts, " + r.variant().name() + " + one function per jar (model)", r.perJarColdCostMs(), one,
                    "modelled from the measured steps: only the first step of each of the " + steps.stream().map(CriticalPathBenchmark.Step::jar)
                            .distinct().count() + " jars is cold, later steps of that jar meet a warm function"));
        }
        rows.add(Figure.notMeasured("critical path cold starts, " + deployed.variant().name() + " + SnapStart with priming"
                        + (snapStartDeployed ? " (deployed)" : " (not deployed)"), "<= " + TARGET_RATIO + "x one cold start",
                "a snapshot restore needs Lambda's CRaC-enabled runtime; no JVM here can take or restore one, so every row above starts"
                        + " the steps without SnapStart" + (snapStartDeployed ? " (infra deploys it: those rows are what a step pays when"
                        + " its snapshot does not help, an upper bound)" : "")));
        return rows;
    }

    private static Figure row(String name, double ms, double one, String note) {
        double ratio = ms / one;
        return Figure.against(name, String.format(Locale.ROOT, "%.0f ms, %.1fx one cold start (%.0f ms)", ms, ratio, one),
                "<= " + TARGET_RATIO + "x one cold start", ratio <= TARGET_RATIO, note);
    }

    private static double sumWall(CriticalPathBenchmark.Result r) {
        double sum = 0;
        for (int i = 0; i < r.steps().size(); i++) {
            sum += r.medianWallMs(i);
        }
        return sum;
    }

    private static double sumWarm(List<CriticalPathBenchmark.Step> steps) {
        return steps.stream().mapToDouble(CriticalPathBenchmark.Step::warmMs).sum();
    }

    private static String jarsNote(List<CriticalPathBenchmark.Step> steps) {
        return steps.stream().map(s -> s.jar().getFileName().toString().replaceAll(".*-(workflow-[a-z]+)\\.jar", "$1"))
                .distinct().collect(Collectors.joining("/"));
    }

    /** The drill's constant: the as-deployed cost, labelled with the date and machine it was measured on. */
    public static String drillResource(CriticalPathBenchmark.Result deployed, String machine) {
        return "# Written by bench/run-benchmarks.sh --only criticalpath (CriticalPathFigures); read by the drill.\n"
                + "coldStartMillis=" + Math.round(deployed.sumColdCostMs()) + "\n"
                + "steps=" + deployed.steps().size() + "\n"
                + "configuration=" + deployed.variant().name() + "\n"
                + (deployed.preWarmed().isEmpty() ? "" : "preWarmedColdStartMillis=" + Math.round(deployed.sumPreWarmedCostMs()) + "\n")
                + "measuredOn=" + LocalDate.now(ZoneOffset.UTC) + "\n"
                + "machine=" + machine.replace("\n", " ") + "\n";
    }

    public static void writeDrillResource(Path root, CriticalPathBenchmark.Result deployed, String machine) {
        try {
            Files.writeString(root.resolve(DRILL_RESOURCE), drillResource(deployed, machine));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
