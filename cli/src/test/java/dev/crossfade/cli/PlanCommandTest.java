package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class PlanCommandTest {

    private static final String SEED = CliRun.path("examples/seed-active-passive.yaml");
    private static final String AURORA = CliRun.path("examples/active-active-latency.yaml");

    private static JsonNode step(JsonNode plan, String api) {
        return StreamSupport.stream(plan.path("steps").spliterator(), false)
                .filter(s -> s.path("api").asText().equals(api)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + api + " step in " + plan));
    }

    @Test
    void seedTopologyJson_shouldListPromotionAsMutatingControlPlaneInTheTarget() throws Exception {
        CliRun result = CliRun.of("plan", "--topology", SEED, "--from", "us-east-1", "--to", "eu-west-1", "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode plan = result.json();
        assertEquals("rds-postgres", plan.path("engine").asText());
        JsonNode promote = step(plan, "PromoteReadReplica");
        assertEquals(List.of("control", "true", "eu-west-1", "false"), List.of(promote.path("plane").asText(),
                promote.path("mutating").asText(), promote.path("region").asText(), promote.path("bestEffort").asText()));
        JsonNode fence = step(plan, "ModifyDBParameterGroup");
        assertEquals("us-east-1", fence.path("region").asText());
        assertTrue(fence.path("bestEffort").asBoolean(), "fencing the old region is best effort");
    }

    @Test
    void seedTopologyJson_shouldShiftTrafficOnTheDataPlaneBeforeAnyGlobalControlPlaneCall() throws Exception {
        JsonNode plan = CliRun.of("plan", "--topology", SEED, "--from", "us-east-1", "--to", "eu-west-1", "--json").json();

        List<JsonNode> steps = StreamSupport.stream(plan.path("steps").spliterator(), false).toList();
        int shift = steps.indexOf(steps.stream().filter(s -> s.path("phase").asText().equals("traffic-shift")).findFirst().orElseThrow());
        JsonNode shiftStep = steps.get(shift);
        assertEquals("data", shiftStep.path("plane").asText());
        for (JsonNode s : steps) {
            if (s.path("service").asText().equals("globalaccelerator")) {
                assertTrue(steps.indexOf(s) > shift && s.path("bestEffort").asBoolean(), s.toString());
            }
        }
    }

    @Test
    void auroraTopology_shouldFailOverUnplannedAndSwitchOverPlanned() throws Exception {
        JsonNode failover = CliRun.of("plan", "--topology", AURORA, "--from", "us-east-1", "--to", "ap-south-1", "--json").json();
        JsonNode switchover = CliRun.of("plan", "--topology", AURORA, "--from", "us-east-1", "--to", "ap-south-1",
                "--mode", "switchover", "--json").json();

        assertEquals("ap-south-1", step(failover, "FailoverGlobalCluster").path("region").asText());
        assertTrue(step(switchover, "SwitchoverGlobalCluster").path("mutating").asBoolean());
    }

    @Test
    void textOutput_shouldMarkEachStep() {
        CliRun result = CliRun.of("plan", "--topology", SEED, "--from", "us-east-1", "--to", "eu-west-1");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("rds:PromoteReadReplica"), result.out());
        assertTrue(result.out().contains("[best effort]"), result.out());
    }

    @Test
    void unknownTarget_shouldExit2NamingTheRegion() {
        CliRun result = CliRun.of("plan", "--topology", SEED, "--from", "us-east-1", "--to", "eu-central-1", "--json");

        assertEquals(Main.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("'eu-central-1' is not in the topology"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void disabledTarget_shouldExit2() throws URISyntaxException {
        String topology = Path.of(PlanCommandTest.class.getResource("with-disabled-region.yaml").toURI()).toString();

        CliRun result = CliRun.of("plan", "--topology", topology, "--from", "us-east-1", "--to", "us-west-2");

        assertEquals(Main.BAD_INPUT, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains("'us-west-2' is disabled"), result.err());
    }

    @Test
    void sameRegionTwice_shouldExit2() {
        CliRun result = CliRun.of("plan", "--topology", SEED, "--from", "eu-west-1", "--to", "eu-west-1");

        assertEquals(Main.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("same region"), result.err());
    }
}
