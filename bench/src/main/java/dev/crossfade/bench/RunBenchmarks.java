package dev.crossfade.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.bench.coldstart.ClassLoads;
import dev.crossfade.bench.coldstart.ColdStartBenchmark;
import dev.crossfade.bench.coldstart.ColdStartFigures;
import dev.crossfade.bench.coldstart.Variant;
import dev.crossfade.bench.coldstart.child.EmptyHandler;
import dev.crossfade.bench.coldstart.child.LazyClientsDetectorHandler;
import dev.crossfade.bench.coldstart.child.PrimedRequestPathDetectorHandler;
import dev.crossfade.bench.criticalpath.CriticalPathBenchmark;
import dev.crossfade.bench.criticalpath.CriticalPathFigures;
import dev.crossfade.bench.decision.DecisionThroughput;
import dev.crossfade.bench.drill.DrillRecovery;
import dev.crossfade.bench.jarsize.JarSizes;
import dev.crossfade.bench.naive.NaiveEvaluateAlarmHandler;
import dev.crossfade.bench.synth.SynthesisBenchmark;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.infra.LambdaJvm;
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
 * Usage: {@code RunBenchmarks [--only coldstart,classes,criticalpath,jars,jmh,synth,drill] [--runs N] [--synth-reps N]
 * [--coldstart-variants all|deployed]} (and the drill's and critical path's options, see main).
 * Expects the jars built by bench/run-benchmarks.sh.
 */
public final class RunBenchmarks {

    static final String DETECTOR_HANDLER = "dev.crossfade.functions.detect.EvaluateAlarmHandler";

    private RunBenchmarks() {}

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(List.of("coldstart", "criticalpath", "jars", "jmh", "synth", "drill"));
        int runs = 7;
        int synthReps = 3;
        int drillRuns = 5;
        String pathVariants = "all";
        String coldStartVariants = "all";
        List<DrillRecovery.Case> drillCases = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--synth-reps" -> synthReps = Integer.parseInt(args[++i]);
                case "--path-variants" -> pathVariants = args[++i];
                case "--coldstart-variants" -> coldStartVariants = args[++i];
                case "--drill-runs" -> drillRuns = Integer.parseInt(args[++i]);
                case "--drill" -> drillCases = drillCases(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; usage: [--only coldstart,classes,criticalpath,jars,jmh,synth,drill] [--runs N] [--synth-reps N]"
                        + " [--drill-runs N] [--drill TOPOLOGY@SCALExRUNS[:FAULT],...] [--path-variants all|deployed] [--coldstart-variants all|deployed]");
            }
        }
        Path root = RepoFiles.root();
        Path work = root.resolve("bench/target/benchmarks");
        Files.createDirectories(work);
        List<Figure> figures = new ArrayList<>();
        if (only.contains("coldstart")) {
            figures.addAll(coldStart(root, work, runs, coldStartVariants));
        }
        if (only.contains("classes")) {
            classes(root, work);
        }
        if (only.contains("criticalpath")) {
            figures.addAll(criticalPath(root, work, Math.max(1, (runs + 1) / 2), pathVariants));
        }
        if (only.contains("jars")) {
            figures.addAll(JarSizes.figures(root.resolve("functions/target")));
        }
        if (only.contains("drill")) {
            List<DrillRecovery.Case> cases = drillCases != null ? drillCases : defaultDrillCases(drillRuns);
            figures.addAll(new DrillRecovery(root, work, System.out).run(cases));
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

    /**
     * The seed at the drill's default time scale (20) and at 2, where the floor is ten times
     * longer, and the active-active example at 20.
     */
    static List<DrillRecovery.Case> defaultDrillCases(int runs) {
        return List.of(new DrillRecovery.Case("examples/seed-active-passive.yaml", 20, runs),
                new DrillRecovery.Case("examples/active-active-latency.yaml", 20, Math.max(1, (runs + 1) / 2)),
                new DrillRecovery.Case("examples/seed-active-passive.yaml", 2, Math.max(1, (runs + 1) / 2)));
    }

    /**
     * {@code examples/seed-active-passive.yaml@20x5,examples/active-active-latency.yaml@2x3:region-outage}: topology, time
     * scale, runs, and optionally the drill's {@code --fault} (default {@code health}).
     */
    static List<DrillRecovery.Case> drillCases(String spec) {
        List<DrillRecovery.Case> cases = new ArrayList<>();
        for (String one : spec.split(",")) {
            String fault = DrillRecovery.Case.DEFAULT_FAULT;
            String rest = one;
            int colon = one.lastIndexOf(':');
            if (colon > 0) {
                fault = one.substring(colon + 1);
                rest = one.substring(0, colon);
            }
            String[] parts = rest.split("@|x(?=[0-9]+$)");
            if (parts.length != 3 || fault.isBlank()) {
                throw new IllegalArgumentException("--drill " + one + ": expected TOPOLOGY@SCALExRUNS[:FAULT], e.g."
                        + " examples/seed-active-passive.yaml@20x5 or examples/seed-active-passive.yaml@20x3:region-outage");
            }
            cases.add(new DrillRecovery.Case(parts[0], Double.parseDouble(parts[1]), Integer.parseInt(parts[2]), fault));
        }
        return cases;
    }

    /**
     * @param which {@code all}, or {@code deployed}: the floor, the naive handler and the "detector
     *              as deployed" variants only (the levers on the deployed detector, a shorter run)
     */
    static List<Figure> coldStart(Path root, Path work, int runs, String which) throws IOException, URISyntaxException {
        if (!List.of("all", "deployed").contains(which)) {
            throw new IllegalArgumentException("--coldstart-variants must be all or deployed, got '" + which + "'");
        }
        List<Variant> all = coldStartVariants(root, work);
        // the floor and the naive handler first (ColdStartFigures' baselines), then the levers on the deployed detector
        List<Variant> variants = which.equals("all") ? all
                : all.stream().filter(v -> all.indexOf(v) < 2 || v.name().startsWith(DETECTOR_AS_DEPLOYED)).toList();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (MotoServer moto = MotoServer.start()) {
            List<ColdStartBenchmark.Result> results = new ColdStartBenchmark(moto.endpoint(), work, java,
                    root.resolve("events/alarm-primary-alb-5xx.json"), runs).run(variants);
            return ColdStartFigures.of(results);
        }
    }

    /** Every cold-start variant: the floor and the naive handler first, then the detector's. */
    static List<Variant> coldStartVariants(Path root, Path work) throws IOException, URISyntaxException {
        Path detector = single(root.resolve("functions/target"), "-detector.jar");
        Path naive = single(root.resolve("bench/target"), "-naive.jar");
        Path launcher = single(root.resolve("bench/target"), "-launcher.jar");
        Path lambdaCore = Path.of(RequestStreamHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String failover = "\"action\":\"FAILOVER\"";
        List<Variant> all = List.of(
                new Variant("empty handler (floor)", List.of(launcher, lambdaCore), EmptyHandler.class.getName(), List.of(), Variant.Training.NONE, "\"bytes\""),
                new Variant(NAIVE, List.of(naive, launcher), NaiveEvaluateAlarmHandler.class.getName(),
                        List.of(), Variant.Training.NONE, failover),
                new Variant("detector jar", List.of(detector, launcher), DETECTOR_HANDLER, List.of(), Variant.Training.NONE, failover),
                new Variant(DETECTOR_AS_DEPLOYED, List.of(detector, launcher), DETECTOR_HANDLER, deployedDetectorFlags(), Variant.Training.NONE, failover),
                new Variant(DETECTOR_AS_DEPLOYED + ", lazy clients", List.of(detector, launcher), LazyClientsDetectorHandler.class.getName(),
                        deployedDetectorFlags(), Variant.Training.NONE, failover),
                // the lever "fewer classes" (issue 17): what the deployed jar loads with each part taken back out or added
                new Variant(DETECTOR_AS_DEPLOYED + SDK_SERVICE_METADATA, sdkServiceMetadata(work, detector, launcher), DETECTOR_HANDLER,
                        deployedDetectorFlags(), Variant.Training.NONE, failover),
                new Variant(DETECTOR_AS_DEPLOYED + PRIMED_REQUEST_PATH, List.of(detector, launcher), PrimedRequestPathDetectorHandler.class.getName(),
                        deployedDetectorFlags(), Variant.Training.NONE, failover),
                new Variant(DETECTOR_AS_DEPLOYED + " + SerialGC (Lambda's default at 1 GB)", List.of(detector, launcher), DETECTOR_HANDLER,
                        plus(deployedDetectorFlags(), SERIAL_GC), Variant.Training.NONE, failover),
                new Variant(DETECTOR_AS_DEPLOYED + " + no bytecode verification", List.of(detector, launcher), DETECTOR_HANDLER,
                        plus(deployedDetectorFlags(), NO_VERIFICATION), Variant.Training.NONE, failover),
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
        return all;
    }

    /**
     * Not a figure: the classes the naive handler and the detector as deployed load, init and first
     * event apart, by package (one child each, with -Xlog:class+load); printed and written to
     * bench/target/benchmarks/classes.md.
     */
    static void classes(Path root, Path work) throws IOException, URISyntaxException {
        Set<String> counted = Set.of(NAIVE, DETECTOR_AS_DEPLOYED, DETECTOR_AS_DEPLOYED + SDK_SERVICE_METADATA,
                DETECTOR_AS_DEPLOYED + PRIMED_REQUEST_PATH);
        List<Variant> variants = coldStartVariants(root, work).stream().filter(v -> counted.contains(v.name())).toList();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try (MotoServer moto = MotoServer.start()) {
            List<ClassLoads.Count> counts = ClassLoads.count(moto.endpoint(), work, java, root.resolve("events/alarm-primary-alb-5xx.json"), variants);
            String report = ClassLoads.report(counts, 25);
            Files.writeString(work.resolve("classes.md"), report);
            System.out.println(report);
        }
    }

    /**
     * Lambda's JVM picks the serial collector by itself at 1 GB (not a "server class machine": under
     * 1792 MB); this 2-core, 23 GB machine picks G1. Mimics Lambda's default, changes nothing there.
     */
    static final List<String> SERIAL_GC = List.of("-XX:+UseSerialGC");

    /**
     * The verifier's share (it also loads the classes it checks assignments against): measured, not
     * deployed, since it turns off a safety check (a product flag on java21, diagnostic on JDK 25).
     */
    static final List<String> NO_VERIFICATION = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");

    static List<String> plus(List<String> flags, List<String> more) {
        List<String> all = new ArrayList<>(flags);
        all.addAll(more);
        return all;
    }

    /**
     * The classpath that takes the lever "service metadata on demand" back out of the detector jar:
     * the SDK's own GeneratedServiceMetadataProvider (from the regions jar) ahead of the jar, and the
     * regions jar behind it for the ~310 service metadata classes the jar no longer carries.
     */
    static List<Path> sdkServiceMetadata(Path work, Path detector, Path launcher) throws IOException, URISyntaxException {
        Path regions = Path.of(software.amazon.awssdk.regions.ServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String entry = "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class";
        Path dir = work.resolve("sdk-service-metadata");
        Path target = dir.resolve(entry);
        Files.createDirectories(target.getParent());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(regions.toFile())) {
            java.util.zip.ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IllegalStateException(regions + " has no " + entry);
            }
            try (var in = zip.getInputStream(e)) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return List.of(dir, detector, launcher, regions);
    }

    static final String NAIVE = "naive handler (SDK defaults, Apache client)";
    static final String SDK_SERVICE_METADATA = ", SDK's full service metadata";
    static final String PRIMED_REQUEST_PATH = ", request path primed at init";

    /** The name of the detector's variant as infra deploys it: row "cold start ratio, detector as deployed / naive". */
    static final String DETECTOR_AS_DEPLOYED = "detector as deployed";

    /** The detector's JAVA_TOOL_OPTIONS, from the one place infra defines them (so the measured flags cannot drift). */
    static List<String> deployedDetectorFlags() {
        return List.of(LambdaJvm.DETECTOR_TOOL_OPTIONS.trim().split("\\s+"));
    }

    /**
     * The seed's failover path, every step cold in a fresh JVM (section 6 of BENCHMARKS.md): as
     * deployed (infra's JAVA_TOOL_OPTIONS) first, then the levers. Writes the drill's constant.
     */
    static List<Figure> criticalPath(Path root, Path work, int runs, String pathVariants) throws IOException {
        if (!List.of("all", "deployed").contains(pathVariants)) {
            throw new IllegalArgumentException("--path-variants must be all or deployed, got '" + pathVariants + "'");
        }
        Path launcher = single(root.resolve("bench/target"), "-launcher.jar");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path dir = work.resolve("criticalpath");
        Files.createDirectories(dir);
        String c1 = LambdaJvm.WORKFLOW_TOOL_OPTIONS;
        List<CriticalPathBenchmark.Variant> variants = List.of(
                new CriticalPathBenchmark.Variant(WORKFLOW_AS_DEPLOYED, java, c1, Variant.Training.NONE),
                new CriticalPathBenchmark.Variant("no JVM flags", java, "", Variant.Training.NONE),
                new CriticalPathBenchmark.Variant("as deployed + AppCDS", java, c1, Variant.Training.APP_CDS),
                new CriticalPathBenchmark.Variant("as deployed + JDK 25 AOT cache", java, c1, Variant.Training.AOT_CACHE));
        if (pathVariants.equals("deployed")) {
            variants = variants.subList(0, 1);
        }
        // the deployed variant also runs with the pre-warm of the ASL's PreWarm state, measured
        List<CriticalPathBenchmark.Result> results = new CriticalPathBenchmark(root, dir, launcher,
                root.resolve("examples/seed-active-passive.yaml")).run(variants, runs, true);
        CriticalPathFigures.writeDrillResource(root, results.get(0), machine());
        return CriticalPathFigures.of(results);
    }

    static final String WORKFLOW_AS_DEPLOYED = "as deployed (JAVA_TOOL_OPTIONS of infra's LambdaJvm)";

    /** One line for the drill's constant: where it was measured. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.arch") + ", JDK "
                + System.getProperty("java.runtime.version") + ", load average at the end "
                + Machine.describe().replaceAll("(?s).*load average at the end ", "").trim();
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
