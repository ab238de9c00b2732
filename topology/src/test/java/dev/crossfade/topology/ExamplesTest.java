package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shipped example must stay valid. */
class ExamplesTest {

    static Path repoRoot() {
        String prop = System.getProperty("crossfade.repoRoot");
        Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with examples/)");
        }
        return dir;
    }

    @Test
    void everyExample_shouldBeValid() throws IOException {
        try (Stream<Path> files = Files.list(repoRoot().resolve("examples"))) {
            var examples = files.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).toList();
            assertFalse(examples.isEmpty());
            examples.forEach(TopologyParser::parse);
        }
    }

    @Test
    void seedExample_shouldMatchTheSeedArchitecture() {
        Topology t = TopologyParser.parse(repoRoot().resolve("examples/seed-active-passive.yaml"));

        assertEquals(Topology.Mode.ACTIVE_PASSIVE, t.mode());
        assertEquals(Topology.Routing.FAILOVER, t.routing());
        assertEquals(Topology.Engine.RDS_POSTGRES, t.database().engine());
        assertEquals("eu-west-1", t.secondaryRegions().get(0).name());
        assertEquals(true, t.globalAccelerator().enabled());
        assertEquals(3, t.regions().get("us-east-1").desiredCount());
    }
}
