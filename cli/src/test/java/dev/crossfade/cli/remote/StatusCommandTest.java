package dev.crossfade.cli.remote;

import static dev.crossfade.cli.remote.testutils.WorkflowInMoto.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.emulator.Poll;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab.Deployed;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto.Run;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/** {@code crossfade status} against moto: the latest executions per enabled region. */
class StatusCommandTest extends MotoWorkflowLab {

    @Test
    void afterAFailover_shouldListItAsJsonUnderTheTargetRegion(MotoServer moto) throws Exception {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "succeeding.asl.json");
        Path topology = app.topology();
        assertEquals(0, cli("failover", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--yes").exitCode());

        Run run = cli("status", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode status = new ObjectMapper().readTree(run.out());
        assertEquals(app.project() + "-prod", status.path("topology").asText());
        assertEquals(List.of("us-east-1", "eu-west-1"), status.path("regions").findValuesAsText("region"));
        JsonNode east = status.path("regions").get(0);
        assertEquals(0, east.path("executions").size());
        assertTrue(east.path("error").isNull());
        JsonNode west = status.path("regions").get(1);
        assertEquals(app.standbyArn(), west.path("stateMachineArn").asText());
        JsonNode execution = west.path("executions").get(0);
        assertEquals("SUCCEEDED", execution.path("status").asText());
        assertEquals("failover", execution.path("mode").asText());
        assertEquals("us-east-1", execution.path("from").asText());
        assertEquals("eu-west-1", execution.path("to").asText());
        assertTrue(execution.path("name").asText().startsWith("manual-us-east-1-to-eu-west-1-"));
        assertTrue(execution.path("executionArn").asText().startsWith(app.standbyArn().replace(":stateMachine:", ":execution:")));
        assertTrue(Instant.parse(execution.path("stopDate").asText()).isAfter(Instant.parse(execution.path("startDate").asText())));
        assertTrue(execution.path("currentState").isNull());
    }

    @Test
    void runStoppedByAGuard_shouldBeAbortedAsFailoverNamesIt(MotoServer moto) throws Exception {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "target-unhealthy.asl.json");
        Path topology = app.topology();
        Run failover = cli("failover", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--yes");
        assertEquals(3, failover.exitCode(), failover.out() + failover.err());

        Run run = cli("status", "-t", topology.toString(), "--endpoint-url", moto.endpoint().toString(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode execution = new ObjectMapper().readTree(run.out()).path("regions").get(1).path("executions").get(0);
        assertEquals("ABORTED", execution.path("status").asText(), run.out());
    }

    @Test
    void runningExecution_shouldShowItsCurrentState(MotoServer moto) {
        Deployed app = deployBoth(moto, "succeeding.asl.json", "slow-promotion.asl.json");
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, "eu-west-1")) {
            sfn.startExecution(StartExecutionRequest.builder().stateMachineArn(app.standbyArn()).name("slow-1")
                    .input("{\"mode\":\"switchover\",\"from\":\"us-east-1\",\"to\":\"eu-west-1\"}").build());
        }
        String[] args = {"status", "-t", app.topology().toString(), "--endpoint-url", moto.endpoint().toString()};
        AtomicReference<Run> last = new AtomicReference<>();

        Poll.until(Duration.ofSeconds(20), "status showing the execution in CheckPromotion", () -> {
            last.set(cli(args));
            return last.get().out().contains("now in CheckPromotion");
        });

        Run run = last.get();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("RUNNING   slow-1"), run.out());
        assertTrue(run.out().contains("switchover us-east-1 -> eu-west-1"), run.out());
    }

    @Test
    void workflowMissingInARegion_shouldListTheOthersAndExit2(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");

        Run run = cli("status", "-t", WorkflowInMoto.topology(dir, project).toString(),
                "--endpoint-url", moto.endpoint().toString(), "--json");

        assertEquals(2, run.exitCode());
        JsonNode regions = new ObjectMapper().readTree(run.out()).path("regions");
        assertTrue(regions.get(0).path("error").asText().contains("not found in us-east-1"), run.out());
        assertTrue(regions.get(1).path("error").isNull(), run.out());
        assertTrue(run.err().contains("stateMachine:" + project + "-prod-failover not found in us-east-1"), run.err());
    }
}
