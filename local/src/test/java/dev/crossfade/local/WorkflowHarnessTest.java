package dev.crossfade.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's one-second retries: every retrier shortened, nothing else of the definition changed. */
class WorkflowHarnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneSecondRetries_shortenEveryRetrierInEveryBranch_andKeepWhatIsRetriedAndHowOften() throws Exception {
        StateMachineFile file = StateMachineFile.load("failover.asl.json");
        String asl = file.substitute(file.placeholders().stream().collect(java.util.stream.Collectors.toMap(k -> k, k -> "1")));
        JsonNode before = JSON.readTree(asl);
        JsonNode after = JSON.readTree(WorkflowHarness.withOneSecondRetries(asl));

        List<JsonNode> was = retriers(before);
        List<JsonNode> is = retriers(after);
        assertTrue(was.size() > 30, "the definition's retriers, Parallel branches included: " + was.size());
        assertTrue(was.stream().anyMatch(r -> r.path("IntervalSeconds").asInt() > 1 && r.path("BackoffRate").asDouble() > 1));
        assertEquals(was.size(), is.size());
        for (int i = 0; i < was.size(); i++) {
            assertEquals(1, is.get(i).path("IntervalSeconds").asInt(), is.get(i).toString());
            assertEquals(1.0, is.get(i).path("BackoffRate").asDouble(), is.get(i).toString());
            assertEquals(was.get(i).path("ErrorEquals"), is.get(i).path("ErrorEquals"));
            assertEquals(was.get(i).path("MaxAttempts"), is.get(i).path("MaxAttempts"));
        }
        // only the retriers changed: with them put back, the two trees are equal
        assertEquals(strip(before), strip(after));
    }

    private static List<JsonNode> retriers(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isObject() && node.has("Retry")) {
            node.get("Retry").forEach(out::add);
        }
        node.forEach(child -> out.addAll(retriers(child)));
        return out;
    }

    private static JsonNode strip(JsonNode tree) {
        JsonNode copy = tree.deepCopy();
        retriers(copy).forEach(r -> ((com.fasterxml.jackson.databind.node.ObjectNode) r).remove(List.of("IntervalSeconds", "BackoffRate")));
        return copy;
    }
}
