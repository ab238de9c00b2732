package dev.crossfade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.cli.chaos.Generator;
import dev.crossfade.cli.chaos.Schedule;
import dev.crossfade.cli.chaos.ScheduleJson;
import dev.crossfade.cli.chaos.ScheduleRun;
import dev.crossfade.cli.chaos.Shrinker;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crossfade chaos --local} (docs/chaos.md): random fault schedules from a seed, or one
 * schedule file replayed, through the local lab, every invariant checked after every step; each
 * violation shrunk to a schedule file that {@code --replay} runs again.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Runs random (or replayed) fault schedules through the local lab and checks every invariant after every step.",
                "Prints one line per schedule and `schedules: N, violations: V`; exit 0 when V = 0, else 1."})
final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--local", description = "Run against the local lab (emulated AWS and real PostgreSQL on loopback); required.")
    boolean local;

    @Mixin
    LabTopologyOption topologyOption;

    @Option(names = "--schedules", paramLabel = "N", description = "How many random schedules (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int schedules;

    @Option(names = "--seed", paramLabel = "S", description = "Schedule k (1..N) is generated from seed S+k-1 (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--replay", paramLabel = "SCHEDULE", description = "Run this schedule file (JSON, docs/cli.md) instead of random ones.")
    Path replay;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the JSON report: every schedule, its violations and replay file.")
    Path report;

    @Option(names = "--time-scale", paramLabel = "X", description = "Topology waits run X times faster (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    double timeScale;

    @Option(names = "--shrink-runs", paramLabel = "N", description = "Re-runs each violation's shrinking may spend (default: "
            + "${DEFAULT-VALUE}; 0 keeps the schedule as generated).", defaultValue = "6")
    int shrinkRuns;

    @Option(names = "--replays", paramLabel = "DIR", description = "Where the violations' schedule files go (default: ${DEFAULT-VALUE}).",
            defaultValue = "crossfade-chaos")
    Path replays;

    @Option(names = "--verbose", description = "Print every step of every schedule with its time (a replay always does).")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final ObjectMapper json = new ObjectMapper();
    /** Invariants already shrunk in this invocation: later schedules breaking them keep their file as generated. */
    private final java.util.Set<String> shrunkAlready = new java.util.HashSet<>();

    @Override
    public Integer call() throws IOException {
        if (!local) {
            throw new BadInputException("chaos runs only against the local lab: add --local");
        }
        if (schedules < 1 || schedules > 100_000) {
            throw new BadInputException("--schedules " + schedules + ": must be 1..100000");
        }
        if (shrinkRuns < 0) {
            throw new BadInputException("--shrink-runs " + shrinkRuns + ": must be >= 0");
        }
        Topology topology = topologyOption.load();
        TimeScale scale = DrillCommand.timeScale(timeScale);
        List<String> regions = topology.enabledRegions().stream().map(Topology.Region::name).toList();
        Schedule replayed = null;
        if (replay != null) {
            try {
                replayed = ScheduleJson.read(resolve(replay));
                ScheduleJson.checkRegions(replayed, regions, replay.toString());
            } catch (ScheduleJson.ScheduleException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Chaos on %s (%s, %s, %d regions): %s; time scale %s%n", topology.name(), topology.mode().key(),
                topology.database().engine().key(), regions.size(),
                replayed != null ? "replay of " + replay : schedules + " schedules from seed " + seed, timeScale);
        ObjectNode doc = json.createObjectNode();
        doc.put("topology", topology.name());
        doc.put("timeScale", timeScale);
        if (replayed == null) {
            doc.put("seed", seed);
        } else {
            doc.put("replay", replay.toString());
        }
        ArrayNode listed = doc.putArray("schedules");
        int violations = 0;
        int count = replayed != null ? 1 : schedules;
        Generator generator = new Generator(topology);
        for (int k = 1; k <= count; k++) {
            long s = seed + k - 1;
            Schedule schedule;
            String pattern;
            if (replayed != null) {
                schedule = replayed;
                pattern = "replay";
            } else {
                Generator.Generated g = generator.generate(s);
                schedule = g.schedule();
                pattern = g.pattern().name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
            ScheduleRun runner = new ScheduleRun(topology, scale, replayed != null || verbose ? out::println : line -> {});
            ScheduleRun.Outcome outcome = runner.run(schedule);
            ObjectNode entry = listed.addObject();
            entry.put("index", k);
            if (replayed == null) {
                entry.put("seed", s);
            }
            entry.put("pattern", pattern);
            entry.set("steps", ScheduleJson.array(schedule));
            entry.put("wallMillis", outcome.wallMillis());
            ArrayNode found = entry.putArray("violations");
            out.printf(Locale.ROOT, "schedule %d/%d%s %s (%d steps, %.1f s): %s%n", k, count, replayed == null ? " seed " + s : "", pattern,
                    schedule.steps().size(), outcome.wallMillis() / 1000.0, outcome.found().isEmpty() ? "ok"
                            : "VIOLATION " + String.join(", ", outcome.invariants()));
            out.flush();
            Schedule shrunk = schedule;
            int runs = 0;
            java.util.Set<String> reproduced = outcome.invariants();
            if (replayed == null && !outcome.found().isEmpty() && shrinkRuns > 0) {
                String target = outcome.found().stream().map(ScheduleRun.Found::invariant)
                        .filter(i -> !i.equals(ScheduleRun.Found.LAB_ERROR) && !shrunkAlready.contains(i)).findFirst().orElse(null);
                if (target != null) {
                    shrunkAlready.add(target);
                    out.printf(Locale.ROOT, "  shrinking for %s (at most %d re-runs, each stopped at the violation)...%n", target, shrinkRuns);
                    out.flush();
                    Shrinker.Result r = Shrinker.shrink(schedule, candidate -> runner(topology, scale).run(candidate, target).invariants()
                            .contains(target), shrinkRuns);
                    runs = r.runs();
                    if (r.schedule().steps().size() < schedule.steps().size() || !r.schedule().equals(schedule)) {
                        shrunk = r.schedule();
                        reproduced = runner(topology, scale).run(shrunk).invariants(); // the file replays what it says
                        runs++;
                    }
                }
            }
            for (ScheduleRun.Found f : outcome.found()) {
                violations++;
                Schedule kept = reproduced.contains(f.invariant()) ? shrunk : schedule;
                Path file = replayed != null ? replay : replays.resolve("seed-" + s + "-" + f.invariant() + ".json");
                if (replayed == null) {
                    ScheduleJson.write(kept, file);
                }
                out.printf(Locale.ROOT, "  %sinvariant %s broken after step %d: %s%n", replayed == null ? "seed " + s + ": " : "",
                        f.invariant(), f.step(), f.detail());
                if (replayed == null) {
                    out.printf(Locale.ROOT, "  schedule (%d of %d steps%s): %s%n", kept.steps().size(), schedule.steps().size(),
                            kept.equals(schedule) ? (runs > 0 ? "; nothing smaller broke it in " + runs + " re-runs" : "")
                                    : ", shrunk in " + runs + " re-runs", file);
                    out.printf(Locale.ROOT, "  replay: ./crossfade chaos --local --topology %s --replay %s%n", topologyOption.file(), file);
                }
                out.flush();
                ObjectNode v = found.addObject();
                v.put("invariant", f.invariant());
                v.put("step", f.step());
                v.put("detail", f.detail());
                v.put("replay", file.toString());
                v.put("shrunk", !kept.equals(schedule));
                v.set("replaySteps", ScheduleJson.array(kept));
            }
        }
        ObjectNode summary = doc.putObject("summary");
        summary.put("schedules", count);
        summary.put("violations", violations);
        out.printf(Locale.ROOT, "schedules: %d, violations: %d%n", count, violations);
        if (report != null) {
            Path parent = report.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(report, json.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
            out.println("report: " + report.toAbsolutePath());
        }
        return violations == 0 ? Main.OK : Main.UNEXPECTED;
    }

    private static ScheduleRun runner(Topology topology, TimeScale scale) {
        return new ScheduleRun(topology, scale, line -> {});
    }

    /** A relative path not found here is looked up in the repository (the launcher passes its root). */
    private static Path resolve(Path file) {
        String root = System.getProperty("crossfade.repoRoot");
        if (!Files.isRegularFile(file) && !file.isAbsolute() && root != null && Files.isRegularFile(Path.of(root).resolve(file))) {
            return Path.of(root).resolve(file);
        }
        return file;
    }
}
