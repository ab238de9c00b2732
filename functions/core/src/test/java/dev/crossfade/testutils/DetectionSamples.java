package dev.crossfade.testutils;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.StateJson;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Loads the repository's sample events, states and topologies (events/, examples/) for tests. */
public final class DetectionSamples {

    private DetectionSamples() {}

    public static Path repoRoot() {
        String root = System.getProperty("crossfade.repoRoot");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
        if (!Files.isDirectory(p.resolve("events"))) {
            throw new IllegalStateException("no events/ folder under " + p + " (set -Dcrossfade.repoRoot)");
        }
        return p;
    }

    public static Path event(String name) {
        return repoRoot().resolve("events").resolve(name);
    }

    public static byte[] eventBytes(String name) {
        try {
            return Files.readAllBytes(event(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Path> malformedEvents() {
        try (Stream<Path> files = Files.list(repoRoot().resolve("events/malformed"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DetectorState state(String name) {
        try {
            return StateJson.read(Files.readString(repoRoot().resolve("events/state").resolve(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** us-east-1 (1, primary), eu-west-1 (2), ap-southeast-2 (3), us-west-2 disabled; quorum 1, no dwell. */
    public static Deployment threeRegions() {
        return DeploymentFactory.from(TopologyParser.parse(repoRoot().resolve("events/topologies/three-regions-quorum-1.yaml")));
    }

    /** The seed: us-east-1 primary, eu-west-1 standby; quorum 1 (all a us-east-1 outage leaves), dwell 60 s, cooldown 30 min. */
    public static Deployment seed() {
        return DeploymentFactory.from(TopologyParser.parse(repoRoot().resolve("examples/seed-active-passive.yaml")));
    }

    /** The seed's regions with a quorum of 2 (the engine's rules do not depend on the quorum being reachable). */
    public static Deployment seedQuorumTwo() {
        Deployment d = seed();
        FailoverPolicy p = d.policy();
        return withPolicy(d, new FailoverPolicy(p.automatic(), p.rpoBudgetSeconds(), 2, p.dwellSeconds(), p.cooldownMinutes(),
                p.approvalForDataLoss()));
    }

    public static Deployment withPolicy(Deployment d, FailoverPolicy policy) {
        return new Deployment(d.project(), d.environment(), d.account(), d.activeActive(), d.regions(), d.disabledRegions(), policy);
    }
}
