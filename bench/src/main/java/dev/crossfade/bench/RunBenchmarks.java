package dev.crossfade.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.bench.coldstart.ColdStartBenchmark;
import dev.crossfade.bench.coldstart.ColdStartFigures;
import dev.crossfade.bench.coldstart.Variant;
import dev.crossfade.bench.coldstart.child.EmptyHandler;
import dev.crossfade.bench.decision.DecisionThroughput;
import dev.crossfade.bench.drill.DrillRecovery;
import dev.crossfade.bench.jarsize.JarSizes;
import dev.crossfade.bench.naive.NaiveEvaluateAlarmHandler;
import dev.crossfade.bench.synth.SynthesisBenchmark;
import dev.crossfade.emulator.MotoServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the benchmarks and prints the figure table (also written to bench/target/benchmarks/figures.md).
 * Usage: {@code RunBenchmarks [--only coldstart,jars,jmh,synth,drill] [--runs N] [--synth-reps N]}.
 * Expects the jars built by bench/run-benchmarks.sh.
 */
public final class RunBenchmarks {

    static final String DETECTOR_HANDLER = "dev.crossfade.functions.detect.EvaluateAlarmHandler";

    private RunBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(List.of("coldstart", "jars", "jmh", "synth", "drill"));
        int runs = 7;
        int synthReps = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--synth-reps" -> synthReps = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--only coldstart,jars,jmh,synth,drill] [--runs N] [--synth-reps N]");
            }
        }
        Path root = RepoFiles.root();
        Path work = root.resolve("bench/target/benchmarks");
        Files.createDirectories(work);
        List<Figure> figures = new ArrayList<>();
        if (only.contains("coldstart")) {
            figures.addAll(coldStart(root, work, runs));
        }
        if (only.contains("jars")) {
            figures.addAll(JarSizes.figures(root.resolve("functions/target")));
        }
        if (only.contains("drill")) {
            figures.addAll(DrillRecovery.run());
        }
        if (only.contains("jmh")) {
            figures.addAll(DecisionThroughput.run(root, 1, 3, 5));
        }
        if (only.contains("synth")) {
            figures.addAll(new SynthesisBenchmark(work, synthReps).run());
        }
        String report = Machine.describe() + "\n" + Figure.table(figures);
        Files.writeString(work.resolve("figures.md"), report);
        System.out.println();
        System.out.println(report);
    }

    static List<Figure> coldStart(Path root, Path work, int runs) throws IOException, URISyntaxException {
        Path detector = single(root.resolve("functions/target"), "-detector.jar");
        Path naive = single(root.resolve("bench/target"), "-naive.jar");
        Path launcher = single(root.resolve("bench/target"), "-launcher.jar");
        Path lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String failover = "\"action\":\"FAILOVER\"";
        List<Variant> variants = List.of(
                new Variant("empty handler (floor)", List.of(launcher, lambdaCore), EmptyHandler.class.getName(), List.of(), Variant.Training.NONE, "\"bytes\""),
                new Variant("naive handler (SDK defaults, Apache client)", List.of(naive, launcher), NaiveEvaluateAlarmHandler.class.getName(),
                        List.of(), Variant.Training.NONE, failover),
                new Variant("detector jar", List.of(detector, launcher), DETECTOR_HANDLER, List.of(), Variant.Training.NONE, failover),
                new Variant("detector jar + C1 only", List.of(detector, launcher), DETECTOR_HANDLER,
                        List.of("-XX:TieredStopAtLevel=1"), Variant.Training.NONE, failover),
                new Variant("detector jar + AppCDS", List.of(detector, launcher), DETECTOR_HANDLER,
                        List.of(), Variant.Training.APP_CDS, failover),
                new Variant("detector jar + AppCDS + C1 only", List.of(detector, launcher), DETECTOR_HANDLER,
                        List.of("-XX:TieredStopAtLevel=1"), Variant.Training.APP_CDS, failover),
                new Variant("detector jar + AOT cache", List.of(detector, launcher), DETECTOR_HANDLER,
                        List.of(), Variant.Training.AOT_CACHE, failover),
                new Variant("detector jar + AOT cache + C1 only", List.of(detector, launcher), DETECTOR_HANDLER,
                        List.of("-XX:TieredStopAtLevel=1"), Variant.Training.AOT_CACHE, failover));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (MotoServer moto = MotoServer.start()) {
            List<ColdStartBenchmark.Result> results = new ColdStartBenchmark(moto.endpoint(), work, java,
                    root.resolve("events/alarm-primary-alb-5xx.json"), runs).run(variants);
            return ColdStartFigures.of(results);
        }
    }

    static Path single(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one *" + suffix + " in " + dir + ", found " + found
                        + "; build with bench/run-benchmarks.sh");
            }
            return found.get(0);
        }
    }
}
