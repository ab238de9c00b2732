package dev.crossfade.functions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:15:30.123Z");

    @Test
    void record_shouldFollowTheSpecification() throws Exception {
        String line = EmbeddedMetrics.in("Crossfade/Detector", AT)
                .dimension("Application", "shop-prod").dimension("Action", "FAILOVER")
                .metric("Decisions", 1, "Count").property("incidentId", "inc-1").toString();

        assertFalse(line.contains("\n"), "one line: " + line);
        JsonNode root = new ObjectMapper().readTree(line);
        JsonNode aws = root.path("_aws");
        assertEquals(AT.toEpochMilli(), aws.path("Timestamp").asLong(), "milliseconds since the epoch");
        JsonNode directive = aws.path("CloudWatchMetrics").get(0);
        assertEquals("Crossfade/Detector", directive.path("Namespace").asText());
        assertEquals("[[\"Application\",\"Action\"]]", directive.path("Dimensions").toString(), "one DimensionSet, an array of arrays");
        assertEquals("[{\"Name\":\"Decisions\",\"Unit\":\"Count\"}]", directive.path("Metrics").toString());
        // every target member at the root
        assertEquals("shop-prod", root.path("Application").asText());
        assertEquals("FAILOVER", root.path("Action").asText());
        assertEquals(1.0, root.path("Decisions").asDouble());
        assertEquals("inc-1", root.path("incidentId").asText());
    }

    @Test
    void recordWithoutMetric_shouldBeRefused() {
        EmbeddedMetrics empty = EmbeddedMetrics.in("Crossfade/Failover", AT).dimension("Application", "shop-prod");

        assertThrows(IllegalStateException.class, empty::toString);
    }

    @Test
    void unknownUnit_shouldBeRefusedNamingTheMetric() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedMetrics.in("N", AT).metric("StepDuration", 3, "ms"));

        assertTrue(e.getMessage().startsWith("metric StepDuration: unit 'ms' is not a CloudWatch unit"), e.getMessage());
    }

    @Test
    void limitsOfTheSpecification_shouldBeEnforced() {
        EmbeddedMetrics wide = EmbeddedMetrics.in("N", AT);
        IntStream.range(0, 30).forEach(i -> wide.dimension("d" + i, "v"));
        assertThrows(IllegalArgumentException.class, () -> wide.dimension("d30", "v"), "31 dimensions");

        EmbeddedMetrics many = EmbeddedMetrics.in("N", AT);
        IntStream.range(0, 100).forEach(i -> many.metric("m" + i, i, "Count"));
        assertThrows(IllegalArgumentException.class, () -> many.metric("m100", 1, "Count"), "101 metrics");
    }

    @Test
    void clashingNames_andNonNumbers_shouldBeRefused() {
        EmbeddedMetrics r = EmbeddedMetrics.in("N", AT).dimension("Phase", "promotion");

        assertThrows(IllegalArgumentException.class, () -> r.metric("Phase", 1, "Count"));
        assertThrows(IllegalArgumentException.class, () -> r.property("_aws", "x"));
        assertThrows(IllegalArgumentException.class, () -> r.metric("D", Double.NaN, "Count"));
        assertThrows(IllegalArgumentException.class, () -> r.dimension("Empty", ""));
    }
}
