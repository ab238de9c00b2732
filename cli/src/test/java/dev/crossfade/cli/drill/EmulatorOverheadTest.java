package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.drill.testutils.SampleReports;
import dev.crossfade.emulator.LambdaBridge;
import dev.crossfade.local.CallTimer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class EmulatorOverheadTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:shop-";

    /**
     * A synthetic run: started at 90, PreWarm (a Parallel, left out of the tasks), FenceOldPrimary,
     * PromoteDatabase failing once then retried after a 1 s backoff, ShiftTraffic whose handler time
     * exceeds the task's (clock granularity: counts 0), PinTraffic the bridge did not time, a
     * callback task, VerifyTarget, then RecordSuccess after the recovery's end.
     */
    private static List<HistoryEvent> run() {
        List<HistoryEvent> history = new ArrayList<>();
        history.add(event(HistoryEventType.EXECUTION_STARTED, 90));
        history.add(event(HistoryEventType.PARALLEL_STATE_ENTERED, 100));
        history.add(entered("WarmUpFenceOldPrimary", 105));
        history.add(scheduled("FenceOldPrimary", "invoke", 110));
        history.add(event(HistoryEventType.TASK_SUCCEEDED, 400));
        history.add(event(HistoryEventType.PARALLEL_STATE_EXITED, 450));
        task(history, "FenceOldPrimary", 500, 510, HistoryEventType.TASK_SUCCEEDED, 910);
        task(history, "PromoteDatabase", 950, 960, HistoryEventType.TASK_FAILED, 1060, "invoke", false);
        history.add(scheduled("PromoteDatabase", "invoke", 2060)); // the Retry's backoff (1 s) is no task time
        history.add(event(HistoryEventType.TASK_SUCCEEDED, 2360));
        history.add(exited("PromoteDatabase", 2365));
        task(history, "ShiftTraffic", 2390, 2400, HistoryEventType.TASK_SUCCEEDED, 2500);
        task(history, "PinTraffic", 2590, 2600, HistoryEventType.TASK_SUCCEEDED, 2800);
        task(history, "AwaitApproval", 2840, 2850, HistoryEventType.TASK_SUCCEEDED, 2900, "invoke.waitForTaskToken", true);
        task(history, "VerifyTarget", 2990, 3000, HistoryEventType.TASK_SUCCEEDED, 3300);
        task(history, "RecordSuccess", 3390, 3400, HistoryEventType.TASK_SUCCEEDED, 3500);
        return history;
    }

    private static final List<LambdaBridge.Invocation> INVOCATIONS = List.of(
            invocation("FenceOldPrimary", 120, 5), // the pre-warm's
            invocation("FenceOldPrimary", 530, 100),
            invocation("PromoteDatabase", 970, 50),
            invocation("PromoteDatabase", 2080, 200),
            invocation("ShiftTraffic", 2400, 150),
            invocation("AwaitApproval", 2851, 1),
            invocation("VerifyTarget", 3010, 100),
            invocation("RecordSuccess", 3410, 10));

    /** Thread 7 is the detectors' schedule; the others are the invocations' (their start ms). */
    private static final List<CallTimer.Call> CALLS = List.of(
            call(7, 45, 15), call(7, 70, 30), // the deciding tick's, from 40: 15 + 20 (to the execution's start at 90)
            failedCall(7, 61, 5), // the deciding tick's, refused
            call(8, 50, 500), // a guard's, on its own thread
            call(7, 3100, 40), // a later tick's
            call(120, 121, 3), // the pre-warm's handler: no task of the recovery
            call(530, 540, 20), call(530, 570, 30), // FenceOldPrimary
            call(2080, 2100, 150), // PromoteDatabase, its second attempt
            failedCall(2080, 2250, 25), // and its call to the region that is out
            call(3410, 3412, 5)); // RecordSuccess, after the recovery

    private static final List<EmulatorOverhead.Tick> TICKS = List.of(
            new EmulatorOverhead.Tick(ORIGIN.minusMillis(500), 7), new EmulatorOverhead.Tick(ORIGIN.plusMillis(40), 7),
            new EmulatorOverhead.Tick(ORIGIN.plusMillis(3090), 7));

    @Test
    void overhead_shouldSumTheEmulatorsFourPartsOfTheRecovery() {
        DrillReport.EmulatorOverhead overhead = EmulatorOverhead.measure(run(), INVOCATIONS, CALLS, TICKS, ORIGIN, 0, 3310, 3310);

        long around = 300 + 50 + 100 + 0 + 200;
        long calls = 20 + 30 + 150;
        // from 90 to 3310, less the tasks 510-910, 960-1060, 2060-2360, 2400-2500, 2600-2800 (untimed), 3000-3300,
        // the callback 2850-2900 and the backoff 1060-2060
        long between = (3310 - 90) - (400 + 100 + 300 + 100 + 200 + 300 + 50 + 1000);
        long detector = 15 + 20;
        long total = around + calls + between + detector;
        // failed: PromoteDatabase's 25, and the deciding tick's refused call, 5
        assertEquals(new DrillReport.EmulatorOverhead(total, around, calls, 3, between, detector, 25 + 5, 2, 5,
                400 + 100 + 300 + 100 + 300, 100 + 50 + 200 + 150 + 100, 1, 3310 - total), overhead);
    }

    @Test
    void overhead_withoutExecutionStart_shouldCountOnlyTheTasksAndTheirCalls() {
        List<HistoryEvent> history = run().subList(1, run().size());

        DrillReport.EmulatorOverhead overhead = EmulatorOverhead.measure(history, INVOCATIONS, CALLS, TICKS, ORIGIN, 0, 3310, 3310);

        assertEquals(0, overhead.betweenStatesMillis());
        assertEquals(0, overhead.detectorCallsMillis());
        assertEquals(650 + 200, overhead.millis());
    }

    @Test
    void overhead_shouldNeverExceedTheRecovery() {
        DrillReport.EmulatorOverhead overhead = EmulatorOverhead.measure(run(), INVOCATIONS, CALLS, TICKS, ORIGIN, 0, 3310, 1000);

        assertEquals(0, overhead.rtoWithoutEmulatorMillis());
    }

    @Test
    void coveredMillis_shouldCountOverlapsOnceAndClipToTheWindow() {
        List<EmulatorOverhead.Span> spans = List.of(new EmulatorOverhead.Span(0, 100), new EmulatorOverhead.Span(50, 150),
                new EmulatorOverhead.Span(300, 400), new EmulatorOverhead.Span(350, 360), new EmulatorOverhead.Span(900, 1200));

        assertEquals(100 + 100 + 100, EmulatorOverhead.coveredMillis(spans, 50, 1000));
        assertEquals(0, EmulatorOverhead.coveredMillis(spans, 150, 300));
    }

    @Test
    void tasks_shouldMatchEachAttemptToTheInvocationThatStartedWithinIt() {
        List<HistoryEvent> history = new ArrayList<>();
        task(history, "FenceOldPrimary", 0, 10, HistoryEventType.TASK_SUCCEEDED, 110);
        task(history, "FenceOldPrimary", 200, 210, HistoryEventType.TASK_TIMED_OUT, 400);

        List<EmulatorOverhead.Task> tasks = EmulatorOverhead.tasks(history,
                List.of(invocation("FenceOldPrimary", 220, 30), invocation("FenceOldPrimary", 20, 40)), ORIGIN);

        assertEquals(List.of(new EmulatorOverhead.Task("FenceOldPrimary", "shop-FenceOldPrimary", 10, 110, 40L),
                new EmulatorOverhead.Task("FenceOldPrimary", "shop-FenceOldPrimary", 210, 400, 30L)), tasks);
        assertEquals(60, tasks.get(0).overheadMillis());
        assertEquals(160, tasks.get(1).overheadMillis());
    }

    @Test
    void functionName_shouldComeFromTheParametersArnWithoutQualifier() {
        assertEquals("shop-VerifyTarget", EmulatorOverhead.function("{\"FunctionName\":\"" + ARN + "VerifyTarget:$LATEST\",\"Payload\":{}}"));
        assertEquals("shop-VerifyTarget", EmulatorOverhead.function("{\"FunctionName\": \"" + ARN + "VerifyTarget\"}"));
        assertEquals("plain", EmulatorOverhead.function("{\"FunctionName\":\"plain\"}"));
        assertNull(EmulatorOverhead.function("{}"));
    }

    @Test
    void reportWithOverhead_shouldAddTheKeysAndTheSummaryLine(@TempDir Path dir) throws Exception {
        DrillReport report = SampleReports.seedFailover().withEmulatorOverhead(
                new DrillReport.EmulatorOverhead(1650, 650, 400, 12, 500, 100, 0, 0, 5, 1200, 600, 0, 1660));

        JsonNode json = new ObjectMapper().readTree(DrillReportJson.toJson(report));
        assertEquals(1650, json.get("emulatorOverhead").get("millis").asLong());
        assertEquals(400, json.get("emulatorOverhead").get("awsCallsMillis").asLong());
        assertEquals(500, json.get("emulatorOverhead").get("betweenStatesMillis").asLong());
        assertEquals(1660, json.get("emulatorOverhead").get("rtoWithoutEmulatorMillis").asLong());
        assertFalse(new ObjectMapper().readTree(DrillReportJson.toJson(SampleReports.seedFailover())).has("emulatorOverhead"));
        Path file = dir.resolve("report.json");
        DrillReportJson.write(report, file);
        assertEquals(report, DrillReportJson.read(file));

        String summary = TimelineSummary.render(report);
        assertTrue(summary.contains("Without emulator:    1.66s measured: the recovery minus 1.65s of emulator time on its critical path"
                + " (0.65s around 5 workflow tasks in moto's Step Functions, Lambda and the bridge; 0.40s in their handlers' 12 AWS calls"
                + " answered by moto and the lab's stand-ins; 0.50s between states, the PreWarm included; 0.10s in the detectors' AWS calls"
                + " before the run started)" + System.lineSeparator()), summary);
        String line = TimelineSummary.emulatorLine(new DrillReport.EmulatorOverhead(1650, 650, 400, 1, 500, 100, 9400, 3, 1, 1200, 600, 2, 1660));
        assertTrue(line.endsWith("1 workflow task in moto's Step Functions, Lambda and the bridge; 0.40s in their handlers' 1 AWS call answered by"
                + " moto and the lab's stand-ins; 0.50s between states, the PreWarm included; 0.10s in the detectors' AWS calls before the run"
                + " started); kept in it: 9.40s in 3 AWS calls that failed (a region that is out refusing them; AWS would charge such calls too),"
                + " and 2 tasks the bridge did not time, whole" + System.lineSeparator()), line);
        assertFalse(TimelineSummary.render(SampleReports.seedFailover()).contains("Without emulator"));
    }

    private static void task(List<HistoryEvent> history, String state, long enteredAt, long scheduledAt, HistoryEventType end, long endAt) {
        task(history, state, enteredAt, scheduledAt, end, endAt, "invoke", true);
    }

    private static void task(List<HistoryEvent> history, String state, long enteredAt, long scheduledAt, HistoryEventType end, long endAt,
                             String resource, boolean exits) {
        history.add(entered(state, enteredAt));
        history.add(scheduled(state, resource, scheduledAt));
        history.add(event(end, endAt));
        if (exits) {
            history.add(exited(state, endAt + 5));
        }
    }

    private static HistoryEvent exited(String state, long atMillis) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_STATE_EXITED).timestamp(ORIGIN.plusMillis(atMillis))
                .stateExitedEventDetails(d -> d.name(state)).build();
    }

    /** A call made on {@code thread}, starting {@code atMillis} after the origin and taking {@code millis}. */
    private static CallTimer.Call call(long thread, long atMillis, long millis) {
        return new CallTimer.Call(thread, "Svc", "Op", "eu-west-1", ORIGIN.plusMillis(atMillis), millis * 1_000_000L, false);
    }

    /** A call that failed: refused by a region that is out. */
    private static CallTimer.Call failedCall(long thread, long atMillis, long millis) {
        return new CallTimer.Call(thread, "Svc", "Op", "us-east-1", ORIGIN.plusMillis(atMillis), millis * 1_000_000L, true);
    }

    private static HistoryEvent entered(String state, long atMillis) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_STATE_ENTERED).timestamp(ORIGIN.plusMillis(atMillis))
                .stateEnteredEventDetails(d -> d.name(state)).build();
    }

    private static HistoryEvent scheduled(String function, String resource, long atMillis) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_SCHEDULED).timestamp(ORIGIN.plusMillis(atMillis))
                .taskScheduledEventDetails(d -> d.resourceType("lambda").resource(resource).region("eu-west-1")
                        .parameters("{\"FunctionName\":\"" + ARN + function + "\",\"Payload\":{}}")).build();
    }

    private static HistoryEvent event(HistoryEventType type, long atMillis) {
        return HistoryEvent.builder().type(type).timestamp(ORIGIN.plusMillis(atMillis)).build();
    }

    /** A handler that started {@code atMillis} plus 0.4 ms after the origin and ran {@code millis}. */
    private static LambdaBridge.Invocation invocation(String function, long atMillis, long millis) {
        return new LambdaBridge.Invocation("shop-" + function, "eu-west-1", ORIGIN.plusMillis(atMillis).plusNanos(400_000), millis * 1_000_000L,
                atMillis);
    }
}
