package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.testutils.RepoRoot;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void onlyTheWarmUpEvent_shouldCountAsOne() {
        assertTrue(WarmUp.is(WarmUp.EVENT));
        assertTrue(WarmUp.is(" { \"crossfadeWarmUp\" : true } "));
        assertFalse(WarmUp.is("{\"crossfadeWarmUp\":false}"));
        assertFalse(WarmUp.is("{\"crossfadeWarmUp\":\"true\"}"));
        assertFalse(WarmUp.is("{\"reason\":\"crossfadeWarmUp\"}"));
        assertFalse(WarmUp.is("[\"crossfadeWarmUp\"]"));
        assertFalse(WarmUp.is("crossfadeWarmUp {"));
        assertFalse(WarmUp.is(null));
    }

    /** The ASL's PreWarm state sends exactly the event the handlers recognise, asynchronously, to each function once. */
    @Test
    void preWarmState_shouldSendTheWarmUpEventAsynchronously() throws Exception {
        JsonValue preWarm = Json.tree(Files.readString(RepoRoot.path().resolve("statemachines/failover.asl.json"))).path("States").path("PreWarm");
        List<String> functions = new ArrayList<>();

        assertEquals("Parallel", preWarm.path("Type").asText());
        for (JsonValue branch : preWarm.path("Branches").elements()) {
            for (JsonValue task : branch.path("States").fields().values()) {
                JsonValue parameters = task.path("Parameters");
                assertEquals("arn:aws:states:::lambda:invoke", task.path("Resource").asText());
                assertEquals("Event", parameters.path("InvocationType").asText(), task.toString());
                assertEquals(Json.tree(WarmUp.EVENT), parameters.path("Payload"), task.toString());
                functions.add(parameters.path("FunctionName").asText());
            }
        }
        assertEquals(functions.stream().distinct().toList(), functions, "each function once");
        assertTrue(preWarm.path("ResultPath").isNull(), "the pre-warm's result is dropped");
        assertEquals("AcquireLock", preWarm.path("Next").asText());
        assertEquals("AcquireLock", preWarm.path("Catch").elements().get(0).path("Next").asText(), "a failed pre-warm never stops the run");
    }
}
