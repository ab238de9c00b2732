package dev.crossfade.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.testutils.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkflowStatesTest {

    @Test
    void everyStateOfTheWorkflow_shouldHaveAProgressLabel() throws IOException {
        JsonNode states = new ObjectMapper().readTree(Files.readString(RepoRoot.path().resolve("statemachines/failover.asl.json"))).path("States");
        List<String> unlabelled = new ArrayList<>();

        states.fieldNames().forEachRemaining(name -> {
            if (WorkflowStates.labelOf(name).equals("step")) {
                unlabelled.add(name);
            }
        });

        assertEquals(List.of(), unlabelled, "states that would print as a bare 'step'");
    }
}
