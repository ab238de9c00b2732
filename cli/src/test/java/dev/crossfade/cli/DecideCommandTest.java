package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecideCommandTest {

    private static final Path ROOT = CliRun.repoRoot();
    private static final String TOPOLOGY = ROOT.resolve("events/topologies/three-regions-quorum-1.yaml").toString();

    private static String event(String name) {
        return ROOT.resolve("events").resolve(name).toString();
    }

    @Test
    void primaryAlarm_quorumOne_shouldPrintFailoverToPriorityTwoAsJson() throws IOException {
        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("alarm-primary-alb-5xx.json"), "--json");

        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = r.json();
        assertEquals("FAILOVER", j.get("action").asText());
        assertEquals("us-east-1", j.get("from").asText());
        assertEquals("eu-west-1", j.get("to").asText());
        assertTrue(j.get("executionName").asText().startsWith("us-east-1-to-eu-west-1-"));
        assertTrue(j.get("reason").asText().contains("alb-5xx@us-east-1"));
    }

    static Stream<Path> malformed() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("events/malformed"))) {
            // a truncated file is not JSON for the CLI (exit 2, BadInputTest); the Lambda answers it NONE
            return files.filter(f -> f.toString().endsWith(".json") && !f.getFileName().toString().equals("truncated.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedEvent_shouldPrintNoneWithReason_exitZero(Path file) throws IOException {
        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", file.toString(), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("NONE", r.json().get("action").asText());
        assertTrue(r.json().get("executionName").isNull());
        assertTrue(!r.json().get("reason").asText().isBlank());
    }

    @Test
    void eventThatIsNotJson_shouldExitTwoNamingTheFile() {
        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("not-json.txt"), "--json");

        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("not-json.txt"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void priorStateInCooldown_shouldPrintNone() throws IOException {
        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("alarm-primary-alb-5xx.json"),
                "--state", event("state/cooldown-active.json"), "--json");

        assertEquals(0, r.exitCode(), r.err());
        assertEquals("NONE", r.json().get("action").asText());
        assertTrue(r.json().get("reason").asText().contains("cooldown"));
    }

    @Test
    void printedState_fedBackWithTheSameEvent_shouldNotFailOverTwice(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        CliRun first = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("alarm-primary-alb-5xx.json"), "--json");
        Path state = dir.resolve("state.json");
        Files.writeString(state, first.json().get("state").toString());

        CliRun again = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("alarm-primary-alb-5xx.json"), "--state", state.toString(), "--json");

        assertEquals("NONE", again.json().get("action").asText(), again.out());
    }

    @Test
    void stateWithUnknownKey_shouldExitTwoNamingTheKey(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path state = dir.resolve("bad.json");
        Files.writeString(state, "{\"lastExecution\": null}");

        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("alarm-primary-alb-5xx.json"), "--state", state.toString());

        assertEquals(Main.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains("lastExecution"), r.err());
    }

    @Test
    void humanOutput_shouldNameActionAndReason() {
        CliRun r = CliRun.of("decide", "--topology", TOPOLOGY, "--event", event("ok-primary-alb-5xx.json"));

        assertEquals(0, r.exitCode(), r.err());
        assertTrue(List.of(r.out().split("\n")).get(0).matches("action +NONE"), r.out());
    }
}
