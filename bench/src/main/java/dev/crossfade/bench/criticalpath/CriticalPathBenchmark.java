package dev.crossfade.bench.criticalpath;

import dev.crossfade.bench.Stats;
import dev.crossfade.bench.coldstart.ChildRun;
import dev.crossfade.bench.coldstart.child.ColdStartChild;
import dev.crossfade.bench.jarsize.JarSizes;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The cold starts a real failover pays: the workflow's Lambda steps run in sequence and each is
 * cold, because they run only during failovers. For the seed's failover this benchmark
 * <ol>
 *   <li>runs the real workflow once in the local lab (moto's Step Functions, handlers in process)
 *       and records each step's input; the path is {@link AslPath#walk walked} from the ASL's
 *       StartAt along the states the execution entered;</li>
 *   <li>times each step warm: the seed deployed afresh, each step's recorded input handled again in
 *       process, in path order, by handlers this JVM has already run;</li>
 *   <li>per variant and round: deploys the seed afresh in moto and starts, in path order, each
 *       step's deployable jar in a fresh JVM with the step's environment (as infra sets it) and
 *       its recorded input, as Lambda meets them in a failover; the wall clock from spawn to exit
 *       is the step's cold run.</li>
 * </ol>
 * A step's cold-start cost is its cold run minus its warm handling: the part a warm function
 * would not pay. A step that fails in its fresh JVM fails the benchmark; it never becomes a figure.
 */
public final class CriticalPathBenchmark {


    /** A step of the path with the input the real execution gave it and the jar infra deploys it from. */
    public record Step(String state, String key, String handler, Path jar, String input, double warmMs, List<String> retryOn) {}

    /**
     * One way of starting every step.
     *
     * @param java           the JVM (a JDK 25 here; Lambda's java21 runs a JDK 21)
     * @param javaToolOptions what infra puts in {@code JAVA_TOOL_OPTIONS}, read by the JVM as Lambda's does
     * @param training       a training run writes one archive per step before the measured rounds
     */
    public record Variant(String name, Path java, String javaToolOptions, dev.crossfade.bench.coldstart.Variant.Training training) {}

    /**
     * The cold runs of one variant: per step (path order), the wall ms of each round; and, if the
     * variant was also run with the pre-warm, those rounds (else an empty list).
     */
    public record Result(Variant variant, List<Step> steps, List<List<Double>> wallMs, List<PreWarmedRound> preWarmed) {
        public Result(Variant variant, List<Step> steps, List<List<Double>> wallMs) {
            this(variant, steps, wallMs, List.of());
        }

        /** The median over the pre-warmed rounds of a step's time from being reached to done. */
        public double medianPreWarmedMs(int step) {
            return Stats.median(preWarmed.stream().map(r -> r.stepMs().get(step)).toList());
        }

        /** With the pre-warm: the step's time from being reached to done minus its warm handling, at least 0. */
        public double preWarmedCostMs(int step) {
            return Math.max(0, medianPreWarmedMs(step) - steps.get(step).warmMs());
        }

        public double sumPreWarmedCostMs() {
            return sum(perStep(this::preWarmedCostMs));
        }

        /** The median over the rounds of when the last function became ready, in ms after the run started. */
        public double medianLastReadyMs() {
            return Stats.median(preWarmed.stream().map(r -> r.readyMs().stream().mapToDouble(Double::doubleValue).max().orElse(0)).toList());
        }

        public double medianWallMs(int step) {
            return Stats.median(wallMs.get(step));
        }

        /** Cold run minus warm handling, at least 0. */
        public double coldCostMs(int step) {
            return Math.max(0, medianWallMs(step) - steps.get(step).warmMs());
        }

        public double sumColdCostMs() {
            return sum(perStep(this::coldCostMs));
        }

        public double maxColdCostMs() {
            double max = 0;
            for (double cost : perStep(this::coldCostMs)) {
                max = Math.max(max, cost);
            }
            return max;
        }

        public double medianColdCostMs() {
            return Stats.median(perStep(this::coldCostMs));
        }

        /**
         * One function per deployable jar (fewer functions): only the first step of each jar is
         * cold; the later steps of that jar meet a warm function.
         */
        public double perJarColdCostMs() {
            double sum = 0;
            java.util.Set<Path> seen = new java.util.HashSet<>();
            for (int i = 0; i < steps.size(); i++) {
                if (seen.add(steps.get(i).jar())) {
                    sum += coldCostMs(i);
                }
            }
            return sum;
        }

        /** {@code ms} of each step, in path order. */
        private List<Double> perStep(java.util.function.IntToDoubleFunction ms) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                values.add(ms.applyAsDouble(i));
            }
            return values;
        }

        /** Added in order, as a loop would (the printed figures stay the same). */
        private static double sum(List<Double> values) {
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            return sum;
        }
    }

    /**
     * One round with the pre-warm: per step (path order), ms from the moment the run reaches the
     * step to its first attempt done; per function started, ms from the run's start to ready.
     */
    public record PreWarmedRound(List<Double> stepMs, List<Double> readyMs) {}

    private final Path root;
    private final Path work;
    private final Path launcher;
    private final Topology topology;

    public CriticalPathBenchmark(Path root, Path work, Path launcher, Path topologyFile) {
        this.root = root;
        this.work = work;
        this.launcher = launcher;
        this.topology = TopologyParser.parse(topologyFile);
    }

    public List<Result> run(List<Variant> variants, int runs) {
        return run(variants, runs, false);
    }

    /** @param preWarm also run the first variant (as deployed) with the pre-warm, interleaved with the cold rounds */
    public List<Result> run(List<Variant> variants, int runs, boolean preWarm) {
        try (WorkflowHarness harness = new WorkflowHarness()) {
            List<Step> steps = record(harness);
            Map<Variant, List<List<Double>>> walls = new LinkedHashMap<>();
            Map<Variant, List<List<String>>> flags = new LinkedHashMap<>();
            for (Variant v : variants) {
                flags.put(v, train(harness, v, steps));
                List<List<Double>> perStep = new ArrayList<>();
                steps.forEach(s -> perStep.add(new ArrayList<>()));
                walls.put(v, perStep);
            }
            List<PreWarmedRound> preWarmed = new ArrayList<>();
            // the recording run and the training runs have already warmed moto and the page cache
            for (int round = 1; round <= runs; round++) {
                for (Variant v : variants) {
                    List<Double> one = coldRound(harness, v, steps, flags.get(v), v.name() + "-" + round);
                    for (int i = 0; i < steps.size(); i++) {
                        walls.get(v).get(i).add(one.get(i));
                    }
                }
                if (preWarm) {
                    Variant deployed = variants.get(0);
                    preWarmed.add(preWarmedRound(harness, deployed, steps, flags.get(deployed), "prewarm-" + round));
                }
            }
            return variants.stream().map(v -> new Result(v, steps, walls.get(v),
                    v == variants.get(0) ? List.copyOf(preWarmed) : List.of())).toList();
        }
    }

    /** Runs the seed's failover for real, walks its path and times each step warm. */
    List<Step> record(WorkflowHarness harness) {
        EmulatedApplication app = deploy(harness);
        String from = app.primary();
        String to = app.regions().stream().filter(r -> !r.equals(from)).findFirst().orElseThrow();
        WorkflowConfig config = app.config(topology.failover().approvalForDataLoss());
        Map<String, Function<String, String>> handlers = WorkflowHarness.handlers(app.clients(), config);
        List<String[]> calls = Collections.synchronizedList(new ArrayList<>());
        for (String key : List.copyOf(handlers.keySet())) {
            WorkflowHarness.wrap(handlers, key, h -> input -> {
                String out = h.apply(input);
                calls.add(new String[] {key, input});
                return out;
            });
        }
        String machine = harness.deployWorkflow(app, to, handlers);
        String input = "{\"mode\":\"failover\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"reason\":\"critical-path benchmark\",\"incidentId\":\"inc-critical-path\"}";
        String execution = harness.start(to, machine, "critical-path", input);
        var end = harness.awaitEnd(to, execution);
        if (end.status() != ExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("the seed's failover did not succeed in the lab: " + end.status() + " " + end.error() + " " + end.cause());
        }
        List<AslPath.Step> path = AslPath.walk(read(root.resolve("statemachines/failover.asl.json")), harness.statesEntered(to, execution));
        List<String[]> succeeded = List.copyOf(calls);
        if (succeeded.size() != path.size()) {
            throw new IllegalStateException("the path has " + path.size() + " Lambda steps " + path + " but the handlers answered "
                    + succeeded.size() + " calls (a retried step?)");
        }
        List<Path> jars = JarSizes.deployables(root.resolve("functions/target"));
        Map<String, List<String>> retries = retries(read(root.resolve("statemachines/failover.asl.json")));
        List<String[]> inputs = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            if (!succeeded.get(i)[0].equals(path.get(i).functionKey())) {
                throw new IllegalStateException("step " + i + " of the path is " + path.get(i) + " but the call was to " + succeeded.get(i)[0]);
            }
            inputs.add(succeeded.get(i));
        }
        // warm: the same inputs again on a fresh deployment, by handlers that already ran once in this JVM
        EmulatedApplication again = deploy(harness);
        Map<String, Function<String, String>> warm = WorkflowHarness.handlers(again.clients(), again.config(topology.failover().approvalForDataLoss()));
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            String key = path.get(i).functionKey();
            Path jar = jarOf(jars, key);
            String handler = deployments().get(key).handler();
            long start = System.nanoTime();
            warm.get(key).apply(inputs.get(i)[1]);
            double warmMs = (System.nanoTime() - start) / 1e6;
            steps.add(new Step(path.get(i).state(), key, handler, jar, inputs.get(i)[1], warmMs, retries.getOrDefault(path.get(i).state(), List.of())));
        }
        return steps;
    }

    /** A step's deployment as infra wires it: handler class and the classifier of its jar. */
    record Deployment(String handler, String classifier) {}

    /**
     * Infra's own map of ASL function keys to handlers and jars ({@code WorkflowFunction}, package
     * private there, read by reflection so that the benchmark cannot drift from what is deployed).
     */
    static Map<String, Deployment> deployments() {
        try {
            Class<?> type = Class.forName("dev.crossfade.infra.workflow.WorkflowFunction");
            java.lang.reflect.Method key = type.getDeclaredMethod("key");
            java.lang.reflect.Method handler = type.getDeclaredMethod("handler");
            java.lang.reflect.Method jar = type.getDeclaredMethod("jar");
            key.setAccessible(true);
            handler.setAccessible(true);
            jar.setAccessible(true);
            Map<String, Deployment> map = new LinkedHashMap<>();
            for (Object f : type.getEnumConstants()) {
                String h = (String) handler.invoke(f);
                map.put((String) key.invoke(f), new Deployment(h.replaceAll("::.*", ""),
                        ((dev.crossfade.infra.workflow.WorkflowJar) jar.invoke(f)).classifier()));
            }
            return map;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read infra's WorkflowFunction (key, handler, jar): " + e, e);
        }
    }

    /**
     * Resets moto and deploys the seed. On a loaded machine the SDK may time out on a create call
     * that moto then completes, and its retry meets "already exists": the whole deployment is then
     * done again from a reset, at most three times.
     */
    private EmulatedApplication deploy(WorkflowHarness harness) {
        for (int attempt = 1; ; attempt++) {
            try {
                return EmulatedApplication.deploy(harness.moto(), topology);
            } catch (software.amazon.awssdk.core.exception.SdkException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The deployable jar of the step, as infra deploys it. */
    static Path jarOf(List<Path> jars, String key) {
        Deployment d = deployments().get(key);
        if (d == null) {
            throw new IllegalStateException("infra deploys no function for the ASL's ${" + key + "FunctionArn}");
        }
        return jars.stream().filter(j -> JarSizes.classifier(j.getFileName().toString()).equals(d.classifier())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no *-" + d.classifier() + ".jar in functions/target; run bench/run-benchmarks.sh"));
    }

    private List<List<String>> train(WorkflowHarness harness, Variant v, List<Step> steps) {
        List<List<String>> perStep = new ArrayList<>();
        if (v.training() == dev.crossfade.bench.coldstart.Variant.Training.NONE) {
            steps.forEach(s -> perStep.add(List.of()));
            return perStep;
        }
        List<List<String>> writing = new ArrayList<>();
        List<Path> archives = new ArrayList<>();
        for (Step s : steps) {
            Path archive = work.resolve(v.name().replaceAll("[^A-Za-z0-9]+", "-") + "-" + s.state()
                    + (v.training() == dev.crossfade.bench.coldstart.Variant.Training.AOT_CACHE ? ".aot" : ".jsa"));
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            archives.add(archive);
            writing.add(List.of(v.training().write + archive));
        }
        coldRound(harness, v, steps, writing, v.name() + "-training");
        for (Path archive : archives) {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("training run of " + v.name() + " wrote no archive " + archive);
            }
            List<String> read = new ArrayList<>(v.training().read);
            read.set(read.size() - 1, read.get(read.size() - 1) + archive);
            perStep.add(read);
        }
        return perStep;
    }

    /** A fresh deployment of the seed, then every step cold, in path order; returns each step's wall ms. */
    private List<Double> coldRound(WorkflowHarness harness, Variant v, List<Step> steps, List<List<String>> flags, String label) {
        EmulatedApplication app = deploy(harness);
        String to = app.regions().stream().filter(r -> !r.equals(app.primary())).findFirst().orElseThrow();
        Map<String, String> env = environment(app.config(topology.failover().approvalForDataLoss()), to, harness.moto().endpoint().toString());
        if (!v.javaToolOptions().isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", v.javaToolOptions());
        }
        List<Double> walls = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            walls.add(spawn(v, steps.get(i), flags.get(i), env, label + "-" + i + "-" + steps.get(i).state()));
        }
        return walls;
    }

    /**
     * A fresh deployment of the seed, then the run with the pre-warm, as the ASL's PreWarm state does
     * it: at the run's start every function on the path is started at once in its own JVM, which
     * handles the warm-up event ({@code WarmUp.EVENT}) and waits; then the path is walked in order,
     * each step's input handed to its (by then perhaps ready) instance. A step's time runs from the
     * moment the run reaches it (the previous step done) until its first attempt is done: the wait
     * for its instance to be ready plus its handling there. A retry the ASL would make (VerifyTarget
     * right after ShiftTraffic) runs on the same, now warm instance and is not counted.
     */
    private PreWarmedRound preWarmedRound(WorkflowHarness harness, Variant v, List<Step> steps, List<List<String>> flags, String label) {
        EmulatedApplication app = deploy(harness);
        String to = app.regions().stream().filter(r -> !r.equals(app.primary())).findFirst().orElseThrow();
        Map<String, String> env = environment(app.config(topology.failover().approvalForDataLoss()), to, harness.moto().endpoint().toString());
        if (!v.javaToolOptions().isBlank()) {
            env.put("JAVA_TOOL_OPTIONS", v.javaToolOptions());
        }
        Map<String, Instance> instances = new LinkedHashMap<>();
        try {
            Path warmUp = Files.writeString(work.resolve("warm-up.event.json"), dev.crossfade.functions.workflow.WarmUp.EVENT);
            long t0 = System.nanoTime();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                if (!instances.containsKey(s.key())) {
                    instances.put(s.key(), Instance.start(v, s, flags.get(i), env, warmUp, launcher, work.resolve(label + "-" + s.key()), t0));
                }
            }
            List<Double> stepMs = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                Instance instance = instances.get(s.key());
                Path event = Files.writeString(work.resolve(label + "-" + i + "-" + s.state() + ".event.json"), s.input());
                long reached = System.nanoTime();
                String error = instance.handle(event);
                stepMs.add((System.nanoTime() - reached) / 1e6);
                for (int attempt = 2; error != null; attempt++) {
                    Matcher m = Pattern.compile("error=([A-Za-z0-9_.$]+)").matcher(error);
                    boolean retriable = m.find() && s.retryOn().contains(m.group(1));
                    if (!retriable || attempt > PRE_WARMED_ATTEMPTS) {
                        throw new IllegalStateException(label + ": " + s.handler() + " failed on its pre-warmed instance"
                                + (retriable ? " " + PRE_WARMED_ATTEMPTS + " times" : "") + ": " + error);
                    }
                    Thread.sleep(1000L * Math.min(attempt, 3)); // lets the emulator catch up; the ASL's interval is longer, its attempts more
                    error = instance.handle(event);
                }
            }
            List<Double> readyMs = instances.values().stream().map(Instance::readyMs).toList();
            return new PreWarmedRound(stepMs, readyMs);
        } catch (IOException e) {
            throw new UncheckedIOException(label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + " interrupted", e);
        } finally {
            instances.values().forEach(Instance::close);
        }
    }

    /** A function instance the pre-warm started: a {@code PreWarmedChild} JVM, its marked stdout lines read as they come. */
    private static final class Instance implements AutoCloseable {
        private final Process process;
        private final String label;
        private final java.util.concurrent.BlockingQueue<String> marks = new java.util.concurrent.LinkedBlockingQueue<>();
        private final long t0;
        private final java.io.Writer stdin;
        private volatile double readyMs = -1;
        private boolean readyTaken;

        private Instance(Process process, String label, long t0) {
            this.process = process;
            this.label = label;
            this.t0 = t0;
            this.stdin = new java.io.OutputStreamWriter(process.getOutputStream(), java.nio.charset.StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        if (line.startsWith(dev.crossfade.bench.coldstart.child.PreWarmedChild.READY)) {
                            readyMs = (System.nanoTime() - t0) / 1e6;
                        }
                        if (line.startsWith(ColdStartChild.MARK)) {
                            marks.add(line);
                        }
                    }
                } catch (IOException e) {
                    marks.add("EXIT " + e);
                }
                marks.add("EXIT");
            }, label + "-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        static Instance start(Variant v, Step step, List<String> flags, Map<String, String> env, Path warmUp, Path launcher,
                              Path base, long t0) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(v.java().toString());
            command.addAll(flags);
            command.add("-cp");
            command.add(step.jar() + File.pathSeparator + launcher);
            command.add(dev.crossfade.bench.coldstart.child.PreWarmedChild.class.getName());
            command.add(step.handler());
            command.add(warmUp.toString());
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.redirectError(Path.of(base + ".err").toFile());
            return new Instance(pb.start(), base.getFileName().toString(), t0);
        }

        double readyMs() {
            return readyMs;
        }

        /** Waits until ready, hands over the event, waits until done; returns null or the DONE line's error. */
        String handle(Path event) throws IOException, InterruptedException {
            if (!readyTaken) { // the READY line comes first, once; the reader thread may have queued it already
                expect(dev.crossfade.bench.coldstart.child.PreWarmedChild.READY);
                readyTaken = true;
            }
            stdin.write(event + "\n");
            stdin.flush();
            String done = expect(dev.crossfade.bench.coldstart.child.PreWarmedChild.DONE);
            return done.contains(" error=") ? done : null;
        }

        private String expect(String prefix) throws InterruptedException {
            String line = marks.poll(ChildRun.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || !line.startsWith(prefix)) {
                throw new IllegalStateException(label + ": expected " + prefix + ", got " + (line == null ? "nothing within " + ChildRun.TIMEOUT_SECONDS + " s" : line)
                        + " (exit " + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
            }
            return line;
        }

        @Override
        public void close() {
            try {
                stdin.write("\n");
                stdin.close();
            } catch (IOException ignored) {
                // the instance already exited
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The functions' environment as infra's FailoverWorkflow sets it, pointed at moto. */
    static Map<String, String> environment(WorkflowConfig c, String region, String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String keep : List.of("PATH", "LANG", "TMPDIR")) {
            String value = System.getenv(keep);
            if (value != null) {
                env.put(keep, value);
            }
        }
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        env.put("AWS_REGION", region);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("CROSSFADE_AWS_ENDPOINT", endpoint);
        env.putAll(c.env().toEnv());
        return env;
    }

    private static final Pattern THROWN = Pattern.compile("Exception in thread \"main\" ([A-Za-z0-9_.$]+)");
    private static final int ATTEMPTS = 6;
    /** Retries on a warm instance cost a fraction of a cold JVM: more of them, as the ASL's Retry allows (VerifyTarget: 36). */
    private static final int PRE_WARMED_ATTEMPTS = 15;

    /**
     * Runs the step cold; returns the first attempt's wall ms. An error the step's ASL Retry names
     * (e.g. VerificationPendingException while a metric is not yet readable) is retried as Step
     * Functions would, with a fresh JVM, until it passes; a real retry would meet a warm function,
     * so only the first (cold) attempt is the figure.
     */
    private double spawn(Variant v, Step step, List<String> flags, Map<String, String> env, String label) {
        Double first = null;
        for (int attempt = 1; ; attempt++) {
            Attempt a = attempt(v, step, flags, env, label + (attempt == 1 ? "" : "-retry" + attempt));
            if (first == null) {
                first = a.wallMs();
            }
            if (a.error() == null) {
                return first;
            }
            Matcher m = THROWN.matcher(a.error());
            boolean retriable = m.find() && step.retryOn().contains(m.group(1));
            if (!retriable || attempt == ATTEMPTS) {
                throw new IllegalStateException(label + ": " + step.handler() + " failed" + (retriable ? " " + ATTEMPTS + " times" : "") + ": " + a.error());
            }
            try {
                Thread.sleep(1000L * attempt); // the ASL's retry interval is longer; this only lets the emulator catch up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(label + " interrupted", e);
            }
        }
    }

    private record Attempt(double wallMs, String error) {}

    /** The ASL's Retry error names per state. */
    static Map<String, List<String>> retries(String asl) {
        try {
            Map<String, List<String>> map = new LinkedHashMap<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(asl).path("States").properties().forEach(e -> {
                List<String> names = new ArrayList<>();
                e.getValue().path("Retry").forEach(r -> r.path("ErrorEquals").forEach(n -> names.add(n.asText())));
                map.put(e.getKey(), names);
            });
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Attempt attempt(Variant v, Step step, List<String> flags, Map<String, String> env, String label) {
        try {
            Path event = Files.writeString(work.resolve(label + ".event.json"), step.input());
            List<String> command = new ArrayList<>();
            command.add(v.java().toString());
            command.addAll(flags);
            command.add("-cp");
            command.add(step.jar() + File.pathSeparator + launcher);
            command.add(ColdStartChild.class.getName());
            command.add(step.handler());
            command.add(event.toString());
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().clear();
            pb.environment().putAll(env);
            ChildRun run = ChildRun.run(pb, work, label);
            double wallMs = run.wallMs();
            if (run.exitCode() != 0) {
                return new Attempt(wallMs, "exit " + run.exitCode() + ": " + run.tails());
            }
            if (run.output().stream().noneMatch(l -> l.startsWith(ColdStartChild.MARK))) {
                throw new IllegalStateException(label + ": no " + ColdStartChild.MARK + " line in " + run.out());
            }
            return new Attempt(wallMs, null);
        } catch (IOException e) {
            throw new UncheckedIOException(label, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(label + " interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
