package dev.crossfade.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.RefusedException;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.Phase;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;

/** The API the drill command calls for a real account, and the follower's pieces, against moto. */
class RemoteRunTest extends MotoWorkflowLab {

    @Test
    void dryRunDrill_shouldPrintThePlanTheRunReturnedAndExit0(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        StringWriter out = new StringWriter();

        int code = RemoteRun.drill(topology(project), Optional.empty(), Optional.empty(), true, options(moto),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("Dry run: dry-run of test from us-east-1 to eu-west-1, nothing changed"), out.toString());
        assertTrue(out.toString().contains("rds:PromoteReadReplica"), out.toString());
        assertTrue(out.toString().contains("A real run would pass the preflight"), out.toString());
        assertTrue(!out.toString().contains("entered AcquireLock"), "a dry run takes no lock:\n" + out);
        assertEquals("dry-run", startedInput(moto, arn, "mode"));
    }

    @Test
    void switchoverDrill_withoutConfirmationOnATerminal_shouldBeRefusedAndStartNothing(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        List<String> asked = new ArrayList<>();

        assertThrows(RefusedException.class, () -> RemoteRun.execute(topology(project), WorkflowMode.SWITCHOVER,
                new RegionChoice("us-east-1", "eu-west-1"), withEndpoint(moto, new RunOptions()),
                prompt -> { asked.add(prompt); return Optional.of("us-east-1"); },
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));

        assertEquals(1, asked.size());
        assertTrue(asked.getFirst().contains("switchover of " + project + "-prod from us-east-1 to eu-west-1"), asked.getFirst());
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, "eu-west-1")) {
            assertEquals(0, sfn.listExecutions(ListExecutionsRequest.builder().stateMachineArn(arn).build()).executions().size());
        }
    }

    @Test
    void switchoverDrill_confirmedByTypingTheTarget_shouldRunModeSwitchover(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        StringWriter out = new StringWriter();

        int code = RemoteRun.execute(topology(project), WorkflowMode.SWITCHOVER, new RegionChoice("us-east-1", "eu-west-1"),
                withEndpoint(moto, new RunOptions()), prompt -> Optional.of("eu-west-1"),
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        assertEquals(0, code, out.toString());
        assertEquals("switchover", startedInput(moto, arn, "mode"));
        assertTrue(out.toString().contains("Data-loss window:    0.00s"), "planned: no loss\n" + out);
    }

    @Test
    void noCredentials_shouldFailBeforeStartingWithAHint(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        RemoteRun run = RemoteRun.connect(topology(project), Optional.of(moto.endpoint()), () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        }, new PrintWriter(new StringWriter()));

        AwsAccessException e = assertThrows(AwsAccessException.class, () -> run.start(RunRequest.of(WorkflowMode.FAILOVER,
                "us-east-1", "eu-west-1", "test", Instant.now())));

        assertTrue(e.getMessage().contains("no AWS credentials found. Hint: set AWS_PROFILE"), e.getMessage());
        run.close();
    }

    @Test
    void followerWhileNothingHappens_shouldBackOffUpToTheCap(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "slow-promotion.asl.json");
        List<Duration> pauses = new ArrayList<>();
        long[] fakeNanos = {0};
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, "eu-west-1")) {
            String execution = sfn.startExecution(b -> b.stateMachineArn(arn).name("backoff-1").input("{}")).executionArn();
            // each pause advances a fake clock instead of waiting; the deadline ends the follow
            ExecutionFollower follower = new ExecutionFollower(sfn, d -> { pauses.add(d); fakeNanos[0] += d.toNanos(); },
                    () -> fakeNanos[0], Duration.ofSeconds(30));

            ExecutionFollower.Followed followed = follower.follow(execution, e -> { });

            assertTrue(followed.timedOut());
            assertEquals("RUNNING", followed.execution().statusAsString());
        }
        assertEquals(ExecutionFollower.MAX_PAUSE, pauses.getLast());
        assertTrue(pauses.stream().allMatch(p -> p.compareTo(ExecutionFollower.MAX_PAUSE) <= 0), pauses.toString());
        assertTrue(pauses.contains(Duration.ofMillis(500)) && pauses.contains(Duration.ofSeconds(2)), pauses.toString());
    }

    @Test
    void phasesFromHistory_shouldFollowTheStatesOfEachPhase(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");
        RemoteRun run = RemoteRun.connect(topology(project), Optional.of(moto.endpoint()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), new PrintWriter(new StringWriter()));

        DrillReport report = run.follow(run.start(RunRequest.of(WorkflowMode.FAILOVER, "us-east-1", "eu-west-1", "test",
                Instant.now()))).report();
        run.close();

        assertEquals(List.of(Phase.FENCING, Phase.PROMOTION, Phase.TRAFFIC_SHIFT, Phase.VERIFICATION),
                report.phases().stream().map(Phase::name).toList());
        Phase promotion = report.phases().get(1);
        assertTrue(promotion.durationMillis() >= 1000, promotion.toString());
        assertTrue(report.phases().get(2).startMillis() >= promotion.endMillis(), report.phases().toString());
        assertEquals(DrillReport.Result.SUCCEEDED, report.result());
        assertEquals("eu-west-1", report.newPrimary());
        assertEquals(report.phases().getLast().endMillis() - report.phases().getFirst().startMillis(), report.rtoMillis());
    }

    private Topology topology(String project) {
        return TopologyParser.parse(WorkflowInMoto.topology(dir, project));
    }

    private static RunOptions options(MotoServer moto) {
        return withEndpoint(moto, new RunOptions());
    }

    private static RunOptions withEndpoint(MotoServer moto, RunOptions options) {
        options.endpoint.endpointUrl = moto.endpoint().toString();
        return options;
    }

    private static String startedInput(MotoServer moto, String stateMachineArn, String field) throws Exception {
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, "eu-west-1")) {
            String execution = sfn.listExecutions(ListExecutionsRequest.builder().stateMachineArn(stateMachineArn).build())
                    .executions().getFirst().executionArn();
            return new ObjectMapper().readTree(sfn.describeExecution(DescribeExecutionRequest.builder()
                    .executionArn(execution).build()).input()).path(field).asText();
        }
    }
}
