package dev.crossfade.cli.remote;

import static dev.crossfade.cli.remote.testutils.WorkflowInMoto.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.remote.testutils.MotoWorkflowLab;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto.Run;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;

/** {@code crossfade failover} against moto's Step Functions, executing test ASLs named like the real workflow. */
class FailoverCommandTest extends MotoWorkflowLab {

    @Test
    void succeedingRun_shouldStartInTargetRegionFollowItAndPrintThePhaseTimeline(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");

        Run run = failover(moto, project, "--yes");

        assertEquals(0, run.exitCode(), run.err() + run.out());
        for (String state : new String[] {"AcquireLock", "Preflight", "FenceOldPrimary", "PromoteDatabase", "CheckPromotion",
                "ShiftTraffic", "VerifyTarget", "Done"}) {
            assertTrue(Pattern.compile("(?m)^\\[ *\\d+\\.\\ds\\] \\S+: entered " + state + "$").matcher(run.out()).find(),
                    "progress line for " + state + " in:\n" + run.out());
        }
        assertTrue(run.out().contains("promotion: exited CheckPromotion after"), run.out());
        assertTrue(run.out().contains("Phase timeline: " + project + "-prod, us-east-1 -> eu-west-1, SUCCEEDED"), run.out());
        for (String phase : new String[] {"fencing", "promotion", "traffic-shift", "verification"}) {
            assertTrue(Pattern.compile("(?m)^  " + phase + " +\\d").matcher(run.out()).find(), phase + " row in:\n" + run.out());
        }
        assertTrue(promotionSeconds(run.out()) >= 1.0, "CheckPromotion waits 1 s:\n" + run.out());
        assertTrue(run.out().contains("Data-loss window:    2.50s"), "the preflight's lag:\n" + run.out());
        assertTrue(run.out().contains("Result: SUCCEEDED (eu-west-1 is the primary)"), run.out());
        JsonNode input = startedInput(moto, "eu-west-1", arn);
        assertEquals("failover", input.path("mode").asText());
        assertEquals("us-east-1", input.path("from").asText());
        assertEquals("eu-west-1", input.path("to").asText());
        assertTrue(input.path("incidentId").asText().startsWith("manual-us-east-1-to-eu-west-1-"), input.toString());
    }

    @Test
    void failback_shouldRunModeFailbackInTheOriginalPrimary(MotoServer moto) throws Exception {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "us-east-1", project, "succeeding.asl.json");

        Run run = cli("failback", "--topology", WorkflowInMoto.topology(dir, project).toString(),
                "--endpoint-url", moto.endpoint().toString(), "--yes");

        assertEquals(0, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("Result: SUCCEEDED (us-east-1 is the primary)"), run.out());
        JsonNode input = startedInput(moto, "us-east-1", arn);
        assertEquals("failback", input.path("mode").asText());
        assertEquals("eu-west-1", input.path("from").asText());
        assertEquals("us-east-1", input.path("to").asText());
    }

    @Test
    void targetUnhealthy_shouldExit3WithTheGuardsCause(MotoServer moto) {
        Run run = failoverToWorkflow(moto, "target-unhealthy.asl.json");

        assertEquals(3, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("entered MarkAborted"), run.out());
        assertTrue(run.out().contains("stopped safely by a guard"), run.out());
        assertTrue(run.out().contains("cause: dev.crossfade.functions.workflow.TargetUnhealthyException: "
                + "health alarm shop-eu-west-1-health is ALARM"), run.out());
        assertTrue(run.out().contains(", ABORTED"), "timeline result:\n" + run.out());
    }

    @Test
    void trafficShiftFailedAfterPromotion_shouldExit1AndAskForAnOperator(MotoServer moto) {
        Run run = failoverToWorkflow(moto, "traffic-shift-fails.asl.json");

        assertEquals(1, run.exitCode(), run.err() + run.out());
        assertTrue(run.out().contains("cause: dev.crossfade.functions.workflow.TransientAwsException: PutMetricData throttled"), run.out());
        assertTrue(run.out().contains("An operator must act"), run.out());
    }

    @Test
    void unknownTargetRegion_shouldExit2NamingIt(MotoServer moto) {
        Run run = failover(moto, WorkflowInMoto.newProject(), "--yes", "--to", "mars-north-1");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("--to 'mars-north-1' is not a region of the topology (regions: us-east-1, eu-west-1)"), run.err());
    }

    @Test
    void targetSameAsSource_shouldExit2(MotoServer moto) {
        Run run = failover(moto, WorkflowInMoto.newProject(), "--yes", "--to", "us-east-1");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("--from and --to are both us-east-1"), run.err());
    }

    @Test
    void workflowNotDeployedInTarget_shouldExit2NamingTheArn(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "us-east-1", project, "succeeding.asl.json"); // the wrong region

        Run run = failover(moto, project, "--yes");

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("state machine arn:aws:states:eu-west-1:123456789012:stateMachine:" + project
                + "-prod-failover not found in eu-west-1: deploy the stacks first"), run.err());
    }

    @Test
    void noTerminalAndNoYes_shouldExit2AskingForYesAndStartNothing(MotoServer moto) {
        String project = WorkflowInMoto.newProject();
        String arn = WorkflowInMoto.deploy(moto, "eu-west-1", project, "succeeding.asl.json");

        Run run = failover(moto, project);

        assertEquals(2, run.exitCode(), run.out());
        assertTrue(run.err().contains("no terminal to confirm on: pass --yes"), run.err());
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, "eu-west-1")) {
            assertEquals(0, sfn.listExecutions(ListExecutionsRequest.builder().stateMachineArn(arn).build()).executions().size());
        }
    }

    /** {@code failover --yes} of a new project whose workflow in eu-west-1 (the target) is the test ASL {@code asl}. */
    private Run failoverToWorkflow(MotoServer moto, String asl) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "eu-west-1", project, asl);
        return failover(moto, project, "--yes");
    }

    private Run failover(MotoServer moto, String project, String... extra) {
        String[] base = {"failover", "--topology", WorkflowInMoto.topology(dir, project).toString(),
                "--endpoint-url", moto.endpoint().toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return cli(args);
    }

    private static double promotionSeconds(String out) {
        Matcher m = Pattern.compile("(?m)^  promotion +\\S+ +\\S+ +([\\d.]+)s").matcher(out);
        assertTrue(m.find(), "promotion row in:\n" + out);
        return Double.parseDouble(m.group(1));
    }

    private static JsonNode startedInput(MotoServer moto, String region, String stateMachineArn) throws Exception {
        try (SfnClient sfn = WorkflowInMoto.sfn(moto, region)) {
            ExecutionListItem only = sfn.listExecutions(ListExecutionsRequest.builder().stateMachineArn(stateMachineArn).build())
                    .executions().getFirst();
            return new ObjectMapper().readTree(sfn.describeExecution(
                    DescribeExecutionRequest.builder().executionArn(only.executionArn()).build()).input());
        }
    }
}
