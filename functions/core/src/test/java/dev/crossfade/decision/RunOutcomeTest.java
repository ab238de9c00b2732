package dev.crossfade.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Decision.Action;
import dev.crossfade.testutils.DetectionSamples;
import dev.crossfade.topology.TopologyParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, defects 1 and 6: the detector's belief follows what actually happened to a run (Step
 * Functions execution status changes, delivered by EventBridge), an incident whose run did not
 * succeed is retried after the cooldown or escalated, never forgotten; and in active-active a
 * failed standby leaves traffic without any run toward the writer.
 */
class RunOutcomeTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private final DecisionEngine engine = new DecisionEngine();

    private DecisionEngine.Outcome decide(Deployment d, DetectorState s, byte[] event, Instant now) {
        return engine.evaluate(d, s, new EventParser(d).parse(event), now);
    }

    /** The sample status change of the given execution, with the given status and time. */
    private static byte[] runEvent(String executionName, String status, Instant at) {
        String json = new String(DetectionSamples.eventBytes("step-functions-execution-failed.json"), StandardCharsets.UTF_8)
                .replace("us-east-1-to-eu-west-1-1795341600", executionName)
                .replace("\"status\": \"FAILED\"", "\"status\": \"" + status + "\"")
                .replace("2026-11-22T10:04:00Z", at.toString());
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] primaryAlarm(Instant at) {
        return new String(DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), StandardCharsets.UTF_8)
                .replace("2026-11-22T10:00:00.000+0000", at.toString()).replace("2026-11-22T10:00:00Z", at.toString())
                .getBytes(StandardCharsets.UTF_8);
    }

    // ---- issue 13, chaos finding 4 ------------------------------------------------------------

    /**
     * A region whose database does not follow the writer (an old primary not failed back, as the
     * writer record lists it) is never the target: on main before this the detectors picked it by
     * priority, the workflow refused it, and no other target was tried.
     */
    @Test
    void regionThatDoesNotFollowTheWriter_shouldBeSkipped_forTheNextHealthyOne() {
        Deployment d = DetectionSamples.threeRegions();
        String second = d.regions().get(1).name();
        String third = d.regions().get(2).name();
        DetectorState stale = DetectorState.empty().withNotFollowing(List.of(second));

        DecisionEngine.Outcome plain = decide(d, DetectorState.empty(), DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);
        DecisionEngine.Outcome skipping = decide(d, stale, DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);

        assertEquals(Optional.of(second), plain.decision().to());
        assertEquals(Action.FAILOVER, skipping.decision().action(), skipping.decision().reason());
        assertEquals(Optional.of(third), skipping.decision().to());
        assertEquals(List.of(second), skipping.state().notFollowing(), "kept until a run records otherwise");
    }

    @Test
    void noRegionThatFollowsTheWriter_shouldStartNothing_andSayWhy() {
        Deployment d = DetectionSamples.threeRegions();
        DetectorState stale = DetectorState.empty().withNotFollowing(List.of(d.regions().get(1).name(), d.regions().get(2).name()));

        DecisionEngine.Outcome outcome = decide(d, stale, DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);

        assertNotEquals(Action.FAILOVER, outcome.decision().action(), outcome.decision().reason());
        assertTrue(outcome.decision().reason().contains("failback rebuilds"), outcome.decision().reason());
    }

    // ---- defect 1 ------------------------------------------------------------------------------

    @Test
    void failedRun_shouldPutTheFailedRegionBackInTraffic_andKeepTheIncidentOpen() {
        Deployment d = DetectionSamples.threeRegions();
        DecisionEngine.Outcome failover = decide(d, DetectorState.empty(), DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);
        String name = failover.decision().executionName().orElseThrow();

        DecisionEngine.Outcome failed = decide(d, failover.state(), runEvent(name, "FAILED", T0.plusSeconds(240)), T0.plusSeconds(240));
        DecisionEngine.Outcome alarmAgain = decide(d, failed.state(), primaryAlarm(T0.plusSeconds(300)), T0.plusSeconds(300));

        assertTrue(failed.state().traffic(d).contains("us-east-1"), failed.state().toString());
        assertFalse(failed.state().traffic(d).contains("eu-west-1"), failed.state().toString());
        assertEquals("RUN_FAILED", failed.state().openIncident().orElseThrow().status());
        assertEquals(Action.NOTIFY_ONLY, failed.decision().action(), failed.decision().reason());
        assertTrue(failed.decision().reason().contains("ended FAILED"), failed.decision().reason());
        assertFalse(alarmAgain.decision().reason().contains("not taking traffic"), alarmAgain.decision().reason());
        assertTrue(alarmAgain.decision().reason().contains("cooldown"), alarmAgain.decision().reason());
    }

    @Test
    void failedRun_shouldBeRetriedAfterTheCooldown_underANewName_thenEscalated() {
        Deployment d = DetectionSamples.threeRegions(); // cooldown 30 min
        DecisionEngine.Outcome first = decide(d, DetectorState.empty(), DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);
        DetectorState s = decide(d, first.state(), runEvent(first.decision().executionName().orElseThrow(), "ABORTED", T0.plusSeconds(60)),
                T0.plusSeconds(60)).state();
        Instant afterCooldown = T0.plusSeconds(31 * 60);

        DecisionEngine.Outcome retry = engine.evaluate(d, s, new DetectorEvent.Tick(afterCooldown), afterCooldown);
        DecisionEngine.Outcome failedAgain = decide(d, retry.state(),
                runEvent(retry.decision().executionName().orElseThrow(), "TIMED_OUT", afterCooldown.plusSeconds(60)), afterCooldown.plusSeconds(60));
        Instant later = afterCooldown.plusSeconds(31 * 60);
        DecisionEngine.Outcome escalated = engine.evaluate(d, failedAgain.state(), new DetectorEvent.Tick(later), later);

        assertEquals(Action.FAILOVER, retry.decision().action(), retry.decision().reason());
        assertEquals(first.decision().incidentId(), retry.decision().incidentId());
        assertNotEquals(first.decision().executionName(), retry.decision().executionName());
        assertEquals(2, retry.state().openIncident().orElseThrow().runs());
        assertEquals("ESCALATED", failedAgain.state().openIncident().orElseThrow().status());
        assertTrue(failedAgain.decision().reason().contains("escalated to a person"), failedAgain.decision().reason());
        assertEquals(Action.NONE, escalated.decision().action());
        assertTrue(escalated.decision().reason().contains("escalated"), escalated.decision().reason());
        assertTrue(escalated.state().openIncident().isPresent(), "never forgotten");
    }

    @Test
    void succeededRun_shouldConfirmTheBelief() {
        Deployment d = DetectionSamples.threeRegions();
        DecisionEngine.Outcome failover = decide(d, DetectorState.empty(), DetectionSamples.eventBytes("alarm-primary-alb-5xx.json"), T0);

        DecisionEngine.Outcome ok = decide(d, failover.state(),
                runEvent(failover.decision().executionName().orElseThrow(), "SUCCEEDED", T0.plusSeconds(200)), T0.plusSeconds(200));

        assertEquals(Action.NONE, ok.decision().action());
        assertEquals(List.of("eu-west-1"), ok.state().traffic(d));
        assertEquals("SUCCEEDED", ok.state().openIncident().orElseThrow().status());
    }

    @Test
    void otherStateMachinesRun_shouldBeRejected() {
        Deployment d = DetectionSamples.threeRegions();
        byte[] foreign = new String(runEvent("x", "FAILED", T0), StandardCharsets.UTF_8)
                .replace("stateMachine:shop-prod-failover", "stateMachine:billing-nightly").getBytes(StandardCharsets.UTF_8);

        DetectorEvent e = new EventParser(d).parse(foreign);

        assertTrue(e instanceof DetectorEvent.Rejected r && r.reason().contains("billing-nightly"), e.toString());
    }

    // ---- defect 6 ------------------------------------------------------------------------------

    private static Deployment activeActive() {
        return DeploymentFactory.from(TopologyParser.parse(DetectionSamples.repoRoot().resolve("examples/active-active-latency.yaml")));
    }

    @Test
    void failedStandbyInActiveActive_shouldLeaveTraffic_withoutAnyRunTowardTheWriter() {
        Deployment d = activeActive(); // us-east-1 writer, ap-south-1 standby; quorum 1, dwell 60 s
        DetectorState s = DetectorState.empty().withSignal("ap-south-1", "canary@us-east-1", AlarmState.ALARM, T0.minusSeconds(120));

        DecisionEngine.Outcome o = engine.evaluate(d, s, new DetectorEvent.Tick(T0), T0);

        assertNotEquals(Action.FAILOVER, o.decision().action(), o.decision().reason());
        assertNotEquals(Optional.of("us-east-1"), o.decision().to(), "never a run toward the current writer");
        assertEquals(List.of("us-east-1"), o.state().traffic(d));
        assertTrue(o.state().openIncident().isEmpty(), "no incident: the writer stays protected");
        assertTrue(o.state().lastExecutionAt().isEmpty(), "no cooldown started");
        assertTrue(o.decision().reason().contains("the writer stays in us-east-1"), o.decision().reason());
    }

    @Test
    void standbyOut_thenWriterFailing_shouldStillBeHandled_andTheRecoveredStandbyReturns() {
        Deployment d = activeActive();
        DetectorState s = DetectorState.empty().withSignal("ap-south-1", "canary@us-east-1", AlarmState.ALARM, T0.minusSeconds(120));
        DetectorState out = engine.evaluate(d, s, new DetectorEvent.Tick(T0), T0).state();

        Instant recovered = T0.plusSeconds(600);
        DetectorState healthyAgain = out.withSignal("ap-south-1", "canary@us-east-1", AlarmState.OK, T0.plusSeconds(60));
        DecisionEngine.Outcome back = engine.evaluate(d, healthyAgain, new DetectorEvent.Tick(recovered), recovered);
        DetectorState writerDown = back.state().withSignal("us-east-1", "canary@ap-south-1", AlarmState.ALARM, recovered.minusSeconds(100));
        DecisionEngine.Outcome failover = engine.evaluate(d, writerDown, new DetectorEvent.Tick(recovered.plusSeconds(5)), recovered.plusSeconds(5));

        assertEquals(List.of("us-east-1", "ap-south-1"), back.state().traffic(d));
        assertEquals(Action.FAILOVER, failover.decision().action(), failover.decision().reason());
        assertEquals(Optional.of("ap-south-1"), failover.decision().to());
        assertEquals("ap-south-1", failover.state().writer(d));
    }
}
