package dev.crossfade.bench.coldstart;

import dev.crossfade.bench.Stats;
import dev.crossfade.bench.coldstart.child.ColdStartChild;
import dev.crossfade.emulator.EventTimes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Spawns a fresh JVM per run and variant ({@link ColdStartChild}), each against freshly created
 * tables and state machines in the emulator, and times the process from spawn to exit. The
 * variants run interleaved, round after round (every other round in reverse order), so that a
 * slow spell of the machine is shared rather than charged to one variant; one unmeasured round
 * first warms the emulator and the page cache.
 */
public final class ColdStartBenchmark {

    private static final Pattern MARK = Pattern.compile(ColdStartChild.MARK + " init_ns=(\\d+) handle_ns=(\\d+) output=(.*)");

    /** One run: wall clock around the process, and the split the child measured itself. */
    public record Sample(double wallMs, double initMs, double handleMs) {}

    public record Result(Variant variant, List<Sample> samples) {
        public double medianWallMs() {
            return Stats.median(samples.stream().map(Sample::wallMs).toList());
        }

        public double medianInitMs() {
            return Stats.median(samples.stream().map(Sample::initMs).toList());
        }

        public double medianHandleMs() {
            return Stats.median(samples.stream().map(Sample::handleMs).toList());
        }
    }

    private final URI endpoint;
    private final Path workDir;
    private final Path javaBin;
    private final Path eventFile;
    private final int runs;

    public ColdStartBenchmark(URI endpoint, Path workDir, Path java, Path eventFile, int runs) {
        this.endpoint = endpoint;
        this.workDir = workDir;
        this.javaBin = java;
        this.eventFile = eventFile;
        this.runs = runs;
    }

    public List<Result> run(List<Variant> variants) {
        Map<Variant, List<String>> flags = new LinkedHashMap<>();
        Map<Variant, List<Sample>> samples = new LinkedHashMap<>();
        try (DetectorAws aws = new DetectorAws(endpoint)) {
            for (Variant v : variants) {
                flags.put(v, train(aws, v));
                samples.put(v, new ArrayList<>());
            }
            for (int round = 0; round <= runs; round++) {
                for (Variant v : inRound(variants, round)) {
                    Sample s = spawn(aws, v, flags.get(v), v.name() + "-" + round);
                    if (round > 0) {
                        samples.get(v).add(s);
                    }
                }
            }
        }
        return variants.stream().map(v -> new Result(v, samples.get(v))).toList();
    }

    /**
     * The variants in the order of one round: as listed in even rounds, reversed in odd ones, so
     * that no variant always follows the same neighbour (a spawn can be slowed by the one before
     * it: the emulator and the harness still busy, caches).
     */
    static List<Variant> inRound(List<Variant> variants, int round) {
        return round % 2 == 0 ? variants : variants.reversed();
    }

    /** Runs the training run if the variant has one; returns the flags of its measured runs. */
    private List<String> train(DetectorAws aws, Variant v) {
        if (v.training() == Variant.Training.NONE) {
            return v.jvmFlags();
        }
        Path archive = workDir.resolve(v.name().replaceAll("[^A-Za-z0-9]+", "-") + (v.training() == Variant.Training.AOT_CACHE ? ".aot" : ".jsa"));
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> trainingFlags = new ArrayList<>(v.jvmFlags());
        trainingFlags.add(v.training().write + archive);
        spawn(aws, v, trainingFlags, v.name() + "-training");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("training run of " + v.name() + " wrote no archive " + archive);
        }
        List<String> measured = new ArrayList<>(v.jvmFlags());
        List<String> read = v.training().read;
        measured.addAll(read.subList(0, read.size() - 1));
        measured.add(read.get(read.size() - 1) + archive);
        return measured;
    }

    private Sample spawn(DetectorAws aws, Variant v, List<String> flags, String label) {
        Map<String, String> env = aws.freshDeployment();
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        command.addAll(flags);
        command.add("-cp");
        command.add(v.classpath().stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        command.add(ColdStartChild.class.getName());
        command.add(v.handler());
        command.add(freshEvent(label).toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        // a clean environment: nothing of the caller's (JAVA_TOOL_OPTIONS, AWS_PROFILE) leaks into a run
        pb.environment().clear();
        // except the moved wall clock of scripts/run-tests-shifted.sh: without it the child's detector
        // judges the emulator's alarm stamps (shifted) against the real clock and ignores them as skew
        for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR",
                "LD_PRELOAD", "FAKETIME", "FAKETIME_DONT_FAKE_MONOTONIC", "FAKETIME_FORCE_MONOTONIC_FIX")) {
            String value = System.getenv(keep);
            if (value != null) {
                pb.environment().put(keep, value);
            }
        }
        pb.environment().putAll(env);
        try {
            ChildRun run = ChildRun.run(pb, workDir, label);
            if (run.exitCode() != 0) {
                throw new IllegalStateException(label + ": exit code " + run.exitCode() + ": " + run.tails());
            }
            return parse(label, run.output(), run.wallMs(), v.expected());
        } catch (IOException e) {
            throw new UncheckedIOException(label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + " interrupted", e);
        }
    }

    /** The sample event, dated two seconds ago (see {@link EventTimes}). */
    private Path freshEvent(String label) {
        try {
            Path file = workDir.resolve(label + ".event.json");
            Files.writeString(file, EventTimes.movedTo(Files.readString(eventFile), java.time.Instant.now().minusSeconds(2)));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the child's split from its last mark line; an answer without {@code expected} fails the benchmark. */
    static Sample parse(String label, List<String> stdout, double wallMs, String expected) {
        for (int i = stdout.size() - 1; i >= 0; i--) {
            Matcher m = MARK.matcher(stdout.get(i));
            if (m.matches()) {
                if (!m.group(3).contains(expected)) {
                    throw new IllegalStateException(label + ": the handler answered " + m.group(3) + ", expected it to contain " + expected);
                }
                return new Sample(wallMs, Long.parseLong(m.group(1)) / 1e6, Long.parseLong(m.group(2)) / 1e6);
            }
        }
        throw new IllegalStateException(label + ": no '" + ColdStartChild.MARK + "' line in the output: " + String.join("\n", stdout));
    }

}
