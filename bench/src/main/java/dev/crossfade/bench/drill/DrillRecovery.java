package dev.crossfade.bench.drill;

import dev.crossfade.bench.Figure;
import dev.crossfade.bench.Stats;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReportJson;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Benchmark 3, the local drill: the measured recovery time R of {@code crossfade drill --local}
 * against its critical-path floor F ({@link DrillFloor}), as the ratio R/F and the orchestration
 * overhead R - F in ms, against the target R - F <= 15 % of F. Each run is the CLI itself in a
 * fresh JVM with the launcher's flags, its figures read from its {@code --report} JSON; R and F
 * are both wall-clock ms of that run, at its time scale.
 */
public final class DrillRecovery {

    public static final String TARGET = "overhead <= 15% of the floor";
    static final double TARGET_SHARE = 0.15;

    /** One drill configuration: a topology file (relative to the repository) at a time scale, with a fault ({@code --fault}). */
    public record Case(String topology, double timeScale, int runs, String fault) {
        /** The fault the benchmark has used since it exists: {@code health} (the app stops answering its health path). */
        public static final String DEFAULT_FAULT = "health";

        public Case(String topology, double timeScale, int runs) {
            this(topology, timeScale, runs, DEFAULT_FAULT);
        }
    }

    private final Path root;
    private final Path work;
    private final PrintStream out;

    public DrillRecovery(Path root, Path work, PrintStream out) {
        this.root = root;
        this.work = work;
        this.out = out;
    }

    public List<Figure> run(List<Case> cases) throws IOException, InterruptedException {
        List<Figure> figures = new ArrayList<>();
        for (Case c : cases) {
            Topology topology = TopologyParser.parse(root.resolve(c.topology()));
            List<DrillFloor> runs = new ArrayList<>();
            for (int i = 1; i <= c.runs(); i++) {
                DrillFloor floor = DrillFloor.of(drill(c, i), topology);
                out.println(perRun(c, i, floor));
                runs.add(floor);
            }
            figures.addAll(figures(c, c.topology().replaceAll(".*/|\\.yaml$", ""), runs));
        }
        return figures;
    }

    /** One run of the CLI, as the launcher script runs it; a run that does not fail over stops the benchmark. */
    DrillReport drill(Case c, int run) throws IOException, InterruptedException {
        String tag = c.topology().replaceAll(".*/|\\.yaml$", "") + "-x" + fmt("%.0f", c.timeScale()) + "-" + c.fault() + "-" + run;
        Path report = work.resolve("drill-" + tag + ".json");
        Path log = work.resolve("drill-" + tag + ".log");
        Files.deleteIfExists(report);
        String classpath = root.resolve("cli/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("cli/target/classpath.txt")).trim();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dcrossfade.repoRoot=" + root,
                "-cp", classpath, "dev.crossfade.cli.Main", "drill", "--local", "--fault", c.fault(), "--topology", root.resolve(c.topology()).toString(),
                "--time-scale", Double.toString(c.timeScale()), "--report", report.toString());
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long timeoutSeconds = 120 + Math.round(600 / c.timeScale());
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("drill " + tag + " did not end within " + timeoutSeconds + " s; see " + log);
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(report)) {
            throw new IllegalStateException("drill " + tag + " exited " + p.exitValue() + " without a report; see " + log);
        }
        return DrillReportJson.read(report);
    }

    static String perRun(Case c, int run, DrillFloor f) {
        StringBuilder b = new StringBuilder(fmt("drill %s x%.0f %s run %d: R %d ms, F %.0f ms (detection %.0f + dwell %.0f + schedule %.0f), "
                        + "R/F %.2f, overhead %.0f ms = %.0f%% of F;", c.topology(), c.timeScale(), c.fault(), run, f.recoveryMillis(), f.floorMillis(),
                f.detectionMillis(), f.dwellMillis(), f.scheduleWaitMillis(), f.ratio(), f.overheadMillis(), 100 * f.overheadShare()));
        f.rows().forEach(r -> b.append(fmt(" %s %d/%.0f", r.name().replaceAll(" \\(.*", ""), r.measuredMillis(), r.floorMillis())));
        b.append(fmt("; without emulator: E %d ms, R - E %d ms, over F %.0f ms = %.0f%% of F (of it %d ms in calls that failed)",
                f.emulatorMillis(), f.recoveryWithoutEmulatorMillis(), f.overheadWithoutEmulatorMillis(), 100 * f.overheadWithoutEmulatorShare(),
                f.failedCallsMillis()));
        return b.toString();
    }

    /** Medians over the runs: the verdict row, then the overhead of each stretch of the critical path. */
    static List<Figure> figures(Case c, String name, List<DrillFloor> runs) {
        String what = fmt("local drill %s, time scale %.0f%s", name, c.timeScale(),
                c.fault().equals(Case.DEFAULT_FAULT) ? "" : ", fault " + c.fault());
        double r = median(runs, f -> f.recoveryMillis());
        double fl = median(runs, DrillFloor::floorMillis);
        double over = median(runs, DrillFloor::overheadMillis);
        double share = median(runs, DrillFloor::overheadShare);
        List<Figure> rows = new ArrayList<>();
        rows.add(Figure.against(what + ": recovery R vs critical-path floor F",
                fmt("R %.0f ms, F %.0f ms, R/F %.2f; overhead %.0f ms = %.0f%% of F", r, fl, median(runs, DrillFloor::ratio), over, 100 * share),
                TARGET, share <= TARGET_SHARE,
                fmt("medians of %d runs, wall clock at time scale %.0f; F = detection %.0f + dwell %.0f + schedule wait %.0f (median) ms; "
                                + "overhead/F per run: %s", runs.size(), c.timeScale(), median(runs, DrillFloor::detectionMillis),
                        median(runs, DrillFloor::dwellMillis), median(runs, DrillFloor::scheduleWaitMillis), shares(runs))));
        double withoutShare = median(runs, DrillFloor::overheadWithoutEmulatorShare);
        rows.add(Figure.against(what + ": recovery without the emulator R - E vs floor F",
                fmt("R - E %.0f ms (E %.0f ms), F %.0f ms; over F %.0f ms = %.0f%% of F, of it %.0f ms in AWS calls that failed", median(runs,
                        f -> f.recoveryWithoutEmulatorMillis()), median(runs, f -> f.emulatorMillis()), fl,
                        median(runs, DrillFloor::overheadWithoutEmulatorMillis), 100 * withoutShare, median(runs, f -> f.failedCallsMillis())),
                TARGET, withoutShare <= TARGET_SHARE,
                fmt("medians of %d runs; E is the report's emulatorOverhead.millis (docs/drill.md, \"The emulator's overhead\"); per run: %s",
                        runs.size(), String.join(", ", runs.stream().map(f -> fmt("%.0f%%", 100 * f.overheadWithoutEmulatorShare())).toList()))));
        Map<String, List<DrillFloor.Row>> byName = new LinkedHashMap<>();
        runs.forEach(f -> f.rows().forEach(row -> byName.computeIfAbsent(row.name(), k -> new ArrayList<>()).add(row)));
        StringBuilder breakdown = new StringBuilder();
        byName.forEach((n, list) -> breakdown.append(breakdown.isEmpty() ? "" : "; ").append(fmt("%s %.0f (floor %.0f)", n,
                Stats.median(list.stream().map(DrillFloor.Row::overheadMillis).toList()),
                Stats.median(list.stream().map(DrillFloor.Row::floorMillis).toList()))));
        rows.add(Figure.info(what + ": overhead by stretch (median ms)", breakdown.toString(),
                "measured minus floor share; negative in detection when the fault lands late in the probe cadence"));
        return rows;
    }

    private static String shares(List<DrillFloor> runs) {
        return String.join(", ", runs.stream().map(f -> fmt("%.0f%%", 100 * f.overheadShare())).toList());
    }

    private static double median(List<DrillFloor> runs, ToDoubleFunction<DrillFloor> figure) {
        return Stats.median(runs.stream().map(f -> figure.applyAsDouble(f)).toList());
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
