package dev.crossfade.cli.remote;

import static dev.crossfade.cli.remote.testutils.WorkflowInMoto.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.remote.testutils.MotoWorkflowLab;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `crossfade drill` without --local: the deployed workflow in the account (here moto), as an operator runs it. */
class DrillAgainstAccountTest extends MotoWorkflowLab {

    @Test
    void dryRunDrill_shouldStartTheWorkflowInTheTargetRegionAndExit0(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");

        var run = cli("drill", "--topology", WorkflowInMoto.topology(dir, project).toString(), "--dry-run",
                "--endpoint-url", moto.endpoint().toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Starting dry-run of " + project + "-prod: us-east-1 -> eu-west-1"), run.out());
    }

    @Test
    void failWithoutLocal_shouldExit2BeforeAnyCall() {
        var run = cli("drill", "--topology", WorkflowInMoto.topology(dir, "x").toString(), "--fail", "us-east-1",
                "--endpoint-url", "http://127.0.0.1:1");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--fail and --fault go with --local"), run.err());
    }

    @Test
    void drillWithReport_shouldWriteTheRunsReportWhenItEnds(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        Path report = dir.resolve("drill.json");

        var run = cli("drill", "--topology", WorkflowInMoto.topology(dir, project).toString(), "--yes", "--report", report.toString(),
                "--endpoint-url", moto.endpoint().toString());

        assertEquals(0, run.exitCode(), run.out() + run.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toFile());
        assertEquals("SUCCEEDED", json.path("result").asText());
        assertTrue(json.path("executionName").asText().startsWith("drill-us-east-1-to-eu-west-1-"), json.toString());
    }

    @Test
    void accountOnlyOptionsWithLocal_shouldExit2() {
        var run = cli("drill", "--local", "--topology", WorkflowInMoto.topology(dir, "y").toString(), "--to", "eu-west-1");

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("--dry-run, --from and --to go without --local"), run.err());
    }
}
