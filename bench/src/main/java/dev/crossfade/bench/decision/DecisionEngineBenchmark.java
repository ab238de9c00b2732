package dev.crossfade.bench.decision;

import dev.crossfade.bench.RepoFiles;
import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.StateJson;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decisions per second of the pure engine on a representative case: three regions, the
 * primary's ALB 5xx alarm arriving on a state where it is already held, so the engine walks the
 * full path to a FAILOVER (quorum, dwell, cooldown, target choice, lag budget). A second
 * benchmark adds parsing the raw EventBridge event, as the Lambda does per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DecisionEngineBenchmark {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:05Z");

    private final DecisionEngine engine = new DecisionEngine();
    private Deployment deployment;
    private DetectorState state;
    private byte[] eventBytes;
    private DetectorEvent event;

    @Setup
    public void load() {
        Path root = RepoFiles.root();
        deployment = DeploymentFactory.from(TopologyParser.parse(root.resolve("events/topologies/three-regions-quorum-1.yaml")));
        try {
            state = StateJson.read(Files.readString(root.resolve("events/state/primary-alb-5xx-held.json")));
            eventBytes = Files.readAllBytes(root.resolve("events/alarm-primary-alb-5xx.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        event = new EventParser(deployment).parse(eventBytes);
        Decision d = decide().decision();
        if (d.action() != Decision.Action.FAILOVER) {
            throw new IllegalStateException("the benchmark case must decide FAILOVER, got " + d.action() + ": " + d.reason());
        }
    }

    @Benchmark
    public DecisionEngine.Outcome decide() {
        return engine.evaluate(deployment, state, event, NOW);
    }

    @Benchmark
    public DecisionEngine.Outcome parseAndDecide() {
        return engine.evaluate(deployment, state, new EventParser(deployment).parse(eventBytes), NOW);
    }
}
