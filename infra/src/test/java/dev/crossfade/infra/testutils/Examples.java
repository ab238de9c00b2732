package dev.crossfade.infra.testutils;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The repository's example topologies, and variants of them for tests. */
public final class Examples {

    public static final String SEED = "seed-active-passive.yaml";
    public static final String LATENCY = "active-active-latency.yaml";
    public static final String GEO = "three-region-geo.yaml";

    private Examples() {}

    /** {@code crossfade.repoRoot} (set by the parent pom's surefire config), else the nearest folder up with examples/. */
    public static Path repoRoot() {
        String configured = System.getProperty("crossfade.repoRoot");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "examples"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with examples/ and pom.xml) above "
                + Path.of("").toAbsolutePath() + "; set -Dcrossfade.repoRoot");
    }

    public static Path file(String name) {
        return repoRoot().resolve("examples").resolve(name);
    }

    public static Topology load(String name) {
        return TopologyParser.parse(file(name));
    }

    /** The test resource with three enabled regions (rds-postgres, HTTP checks) and a disabled sa-east-1. */
    public static Topology threeRegionsRds() {
        String name = "/dev/crossfade/infra/data/three-regions-one-disabled.yaml";
        try (java.io.InputStream in = Examples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return TopologyParser.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static Topology withAccount(Topology t, Optional<String> account) {
        return new Topology(t.project(), t.environment(), account, t.mode(), t.domain(), t.routing(), t.app(),
                t.regions(), t.database(), t.healthCheck(), t.globalAccelerator(), t.replication(), t.failover());
    }

    public static Topology withCertificate(Topology t, String certificateArn) {
        Topology.App app = new Topology.App(t.app().image(), t.app().containerPort(), t.app().healthPath(),
                Optional.of(certificateArn));
        return new Topology(t.project(), t.environment(), t.account(), t.mode(), t.domain(), t.routing(), app,
                t.regions(), t.database(), t.healthCheck(), t.globalAccelerator(), t.replication(), t.failover());
    }
}
