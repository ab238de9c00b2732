package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defect 5: an automatic failover whose quorum a whole-region outage cannot reach is
 * refused, naming failover.quorum and the signals that survive (docs/detection.md "Reachable quorum").
 */
class ReachableQuorumTest {

    private static String base() {
        return TopologyValidationTest.resource("valid-base.yaml");
    }

    @Test
    void twoRegionsQuorumTwo_withTheHealthCheckRegionPrimary_shouldBeRefused() {
        String yaml = base().replace("  quorum: 1\n", "  quorum: 2\n");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyParser.parse(yaml, "two-regions.yaml"));

        Problem p = e.problems().stream().filter(x -> x.path().equals("failover.quorum")).findFirst().orElseThrow(() -> new AssertionError(e.problems().toString()));
        assertTrue(p.message().contains("us-east-1 (the primary) is entirely down"), p.message());
        assertTrue(p.message().contains("[canary@eu-west-1]"), p.message());
        assertTrue(p.message().contains("at most 1"), p.message());
    }

    @Test
    void monitorMode_shouldNotBeRefused() {
        String yaml = base().replace("  quorum: 1\n", "  quorum: 2\n").replace("failover:\n  automatic: true", "failover:\n  automatic: false");

        assertEquals(2, TopologyParser.parse(yaml, "monitor.yaml").failover().quorum());
    }

    @Test
    void survivingSignals_shouldBeEveryPeerCanary_andTheHealthCheckWhenItLivesElsewhere() {
        Topology t = TopologyParser.parse(base(), "valid-base.yaml");

        assertEquals(List.of("canary@eu-west-1"), TopologyRules.signalsSurvivingOutageOf(t, "us-east-1"));
        assertEquals(List.of("canary@us-east-1", "health-check@us-east-1"), TopologyRules.signalsSurvivingOutageOf(t, "eu-west-1"));
    }

    @Test
    void threeRegionsQuorumTwo_shouldBeValid_twoPeerCanariesSurvive() throws Exception {
        Topology t = TopologyParser.parse(java.nio.file.Path.of(CliPaths.root(), "examples/three-region-geo.yaml"));

        assertEquals(2, t.failover().quorum());
        assertEquals(List.of("canary@eu-west-1", "canary@ap-southeast-1"), TopologyRules.signalsSurvivingOutageOf(t, "us-east-1"));
    }

    /** The repository root, from the module folder the tests run in. */
    static final class CliPaths {
        static String root() {
            java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
            while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("examples"))) {
                dir = dir.getParent();
            }
            return String.valueOf(dir);
        }
    }
}
