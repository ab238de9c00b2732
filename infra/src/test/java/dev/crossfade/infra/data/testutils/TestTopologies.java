package dev.crossfade.infra.data.testutils;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The topologies the construct tests run on: the two examples and a three-region file. */
public final class TestTopologies {

    public static final String THREE_REGIONS = "/dev/crossfade/infra/data/three-regions-one-disabled.yaml";

    private TestTopologies() {}

    public static Topology seed() {
        return TopologyParser.parse(repoRoot().resolve("examples/seed-active-passive.yaml"));
    }

    public static Topology activeActive() {
        return TopologyParser.parse(repoRoot().resolve("examples/active-active-latency.yaml"));
    }

    public static Topology threeRegions() {
        return TopologyParser.parse(resource(THREE_REGIONS), THREE_REGIONS);
    }

    /** The seed with its {@code routing} key replaced, for the other routing policies. */
    public static Topology seedWithRouting(String routing) {
        String text = readString(repoRoot().resolve("examples/seed-active-passive.yaml"));
        String changed = text.replaceFirst("(?m)^routing: failover", "routing: " + routing);
        if (changed.equals(text)) {
            throw new IllegalStateException("the seed example no longer says 'routing: failover'");
        }
        return TopologyParser.parse(changed, "seed-with-" + routing);
    }

    public static String resource(String name) {
        try (InputStream in = TestTopologies.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** System property {@code crossfade.repoRoot}, else the first parent of the cwd holding {@code examples/}. */
    public static Path repoRoot() {
        String property = System.getProperty("crossfade.repoRoot");
        if (property != null && Files.isDirectory(Path.of(property, "examples"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (no examples/ above " + Path.of("").toAbsolutePath() + ")");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
