package dev.crossfade.local.detection;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.StateJson;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.LocalDetectors;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.AslRetryIntervals;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.WorkflowLab;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Issue 12, defect 1, end to end in moto: the real detectors decide a failover and start the real
 * failover.asl.json, which aborts (the target is INSUFFICIENT_DATA/unhealthy to preflight while
 * healthy to the detector); the Step Functions status change, shaped as EventBridge delivers it
 * from the execution moto ran, puts the failed primary back in the detector's traffic and keeps
 * the incident open. The real clock throughout (moto stamps the executions with it).
 */
@AslRetryIntervals
class RunOutcomeDetectionTest extends WorkflowLab {

    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final Deployment DEPLOYMENT = DeploymentFactory.from(Seed.topology());

    private static String canaryAlarm(Instant at) {
        return alarm("canary", STANDBY, at);
    }

    /** An ALARM of a signal about the primary, raised in {@code observer}. */
    private static String alarm(String signal, String observer, Instant at) {
        return """
                {"version":"0","id":"c1","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch",\
                "account":"123456789012","time":"%s","region":"%s","resources":[],\
                "detail":{"alarmName":"shop-prod-%s-%s","state":{"value":"ALARM","reason":"peer unreachable","timestamp":"%s"}}}"""
                .formatted(at.truncatedTo(ChronoUnit.SECONDS), observer, PRIMARY, signal, CLOUDWATCH.format(at));
    }

    /** The status change EventBridge delivers for an execution, from what moto reports of it. */
    private static String statusChange(DescribeExecutionResponse run, String region) {
        return """
                {"version":"0","id":"s1","detail-type":"Step Functions Execution Status Change","source":"aws.states",\
                "account":"123456789012","time":"%s","region":"%s","resources":["%s"],\
                "detail":{"executionArn":"%s","stateMachineArn":"%s","name":"%s","status":"%s","input":null,"output":null}}"""
                .formatted(Instant.now().truncatedTo(ChronoUnit.SECONDS), region, run.executionArn(), run.executionArn(),
                        run.stateMachineArn(), run.name(), run.status().toString());
    }

    private static DetectorState stored(EmulatedApplication app, String region) {
        Map<String, AttributeValue> item = app.clients().get(DYNAMODB, region).getItem(b -> b.tableName(app.names().detectorTable())
                .key(Map.of("pk", AttributeValue.fromS("STATE"), "sk", AttributeValue.fromS("CURRENT")))).item();
        return StateJson.read(item.get("state").s());
    }

    @Test
    void abortedRun_shouldPutThePrimaryBackInTheDetectorsTraffic_andKeepTheIncidentOpen() {
        EmulatedApplication app = Seed.deployRds(harness.moto());
        app.setHealthy(STANDBY, false); // preflight refuses the target; the detector has no signal against it
        harness.deployWorkflow(app, STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));
        LocalDetectors detectors = new LocalDetectors(app, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));

        // two signals held past the 60 s dwell, so that any quorum of the seed is met
        java.util.List<Decision> decided = new java.util.ArrayList<>(
                detectors.deliver(alarm("health-check", PRIMARY, Instant.now().minusSeconds(90))).values());
        decided.addAll(detectors.deliver(canaryAlarm(Instant.now().minusSeconds(90))).values());
        Decision failover = decided.stream().filter(d -> d.action() == Decision.Action.FAILOVER).findFirst()
                .orElseThrow(() -> new AssertionError("no FAILOVER: " + decided));
        String arn = "arn:aws:states:" + STANDBY + ":" + dev.crossfade.local.ResourceNames.ACCOUNT + ":execution:"
                + app.names().stateMachine() + ":" + failover.executionName().orElseThrow();
        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, arn);
        assertNotEquals(ExecutionStatus.SUCCEEDED, run.status(), run.toString());
        assertFalse(stored(app, STANDBY).traffic(DEPLOYMENT).contains(PRIMARY), "belief moved at the decision");

        Map<String, Decision> learned = detectors.deliver(statusChange(run, STANDBY));
        Map<String, Decision> again = detectors.deliver(canaryAlarm(Instant.now().minusSeconds(30)));

        for (String region : detectors.regions()) {
            DetectorState s = stored(app, region);
            assertTrue(s.traffic(DEPLOYMENT).contains(PRIMARY), region + ": " + s);
            assertEquals("RUN_FAILED", s.openIncident().orElseThrow().status(), region + ": " + s);
            assertEquals(Decision.Action.NOTIFY_ONLY, learned.get(region).action(), learned.get(region).reason());
            assertFalse(again.get(region).reason().contains("not taking traffic"), again.get(region).reason());
            assertTrue(again.get(region).reason().contains("cooldown"), again.get(region).reason());
        }
    }
}
