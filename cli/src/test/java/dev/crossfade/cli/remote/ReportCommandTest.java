package dev.crossfade.cli.remote;

import static dev.crossfade.cli.remote.testutils.WorkflowInMoto.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab.Deployed;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto.Run;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code failover --report/--html} and {@code crossfade report} against moto (test ASLs with the workflow's state names). */
class ReportCommandTest extends MotoWorkflowLab {

    @Test
    void failoverWithReport_shouldWriteTheDrillReportNamingTheRun(MotoServer moto) throws Exception {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "succeeding.asl.json");
        Path topology = app.topology();
        Path json = dir.resolve("out/run.json");
        Path html = dir.resolve("out/run.html");

        Run run = cli("failover", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--yes",
                "--report", json.toString(), "--html", html.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals(app.project() + "-prod", report.path("topology").asText());
        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("eu-west-1", report.path("newPrimary").asText());
        assertTrue(report.path("executionName").asText().startsWith("manual-us-east-1-to-eu-west-1-"), report.toString());
        assertEquals(topology.toString(), report.path("topologyFile").asText());
        assertEquals("eu-west-1", report.path("region").asText());
        assertTrue(Instant.parse(report.path("startedAt").asText()).isBefore(Instant.now()));
        assertEquals(List.of("fencing", "promotion", "traffic-shift", "verification"), report.path("phases").findValuesAsText("name"));
        String page = Files.readString(html);
        assertTrue(page.contains("<h2>Run</h2>") && page.contains(report.path("executionName").asText()), page);
        assertTrue(page.trim().endsWith("</html>"), "the page is whole");
    }

    @Test
    void report_shouldRebuildThePastRunFromItsHistory(MotoServer moto) throws Exception {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "target-unhealthy.asl.json");
        Path topology = app.topology();
        assertEquals(3, cli("failover", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--yes").exitCode());
        Path json = dir.resolve("past.json");

        Run run = cli("report", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--json", json.toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Result: ABORTED"), run.out());
        assertTrue(run.out().contains("preflight: entered Preflight"), run.out());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertEquals("ABORTED", report.path("result").asText());
        assertTrue(report.path("executionName").asText().startsWith("manual-"), report.toString());
    }

    @Test
    void unknownExecution_shouldExit2NamingIt(MotoServer moto) {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "succeeding.asl.json");

        Run run = cli("report", "-t", app.topology().toString(), "--endpoint-url", moto.endpoint().toString(),
                "--execution", "nope");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("no execution 'nope'"), run.err());
    }
}
