package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.drill.testutils.SampleReports;
import dev.crossfade.emulator.LambdaBridge;
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
     * A synthetic run: PreWarm (a Parallel, left out), FenceOldPrimary, PromoteDatabase failing once
     * then retried after a 1 s backoff, ShiftTraffic whose handler time exceeds the task's (clock
     * granularity: counts 0), PinTraffic the bridge did not time, a callback task, VerifyTarget, then
     * RecordSuccess after the recovery's end.
     */
    @Test
    void overhead_shouldBeEachTasksDurationMinusItsHandlerTimeWithinTheRecovery() {
        List<HistoryEvent> history = new ArrayList<>();
        history.add(event(HistoryEventType.PARALLEL_STATE_ENTERED, 100));
        history.add(entered("WarmUpFenceOldPrimary", 105));
        history.add(scheduled("FenceOldPrimary", "invoke", 110));
        history.add(event(HistoryEventType.TASK_SUCCEEDED, 400));
        history.add(event(HistoryEventType.PARALLEL_STATE_EXITED, 450));
        task(history, "FenceOldPrimary", 500, 510, HistoryEventType.TASK_SUCCEEDED, 910);
        task(history, "PromoteDatabase", 950, 960, HistoryEventType.TASK_FAILED, 1060);
        history.add(scheduled("PromoteDatabase", "invoke", 2060)); // the Retry's backoff (1 s) is no task time
        history.add(event(HistoryEventType.TASK_SUCCEEDED, 2360));
        task(history, "ShiftTraffic", 2390, 2400, HistoryEventType.TASK_SUCCEEDED, 2500);
        task(history, "PinTraffic", 2590, 2600, HistoryEventType.TASK_SUCCEEDED, 2800);
        task(history, "AwaitApproval", 2840, 2850, HistoryEventType.TASK_SUCCEEDED, 2900, "invoke.waitForTaskToken");
        task(history, "VerifyTarget", 2990, 3000, HistoryEventType.TASK_SUCCEEDED, 3300);
        task(history, "RecordSuccess", 3390, 3400, HistoryEventType.TASK_SUCCEEDED, 3500);
        List<LambdaBridge.Invocation> invocations = List.of(
                invocation("FenceOldPrimary", 120, 5), // the pre-warm's
                invocation("FenceOldPrimary", 530, 100),
                invocation("PromoteDatabase", 970, 50),
                invocation("PromoteDatabase", 2080, 200),
                invocation("ShiftTraffic", 2400, 150),
                invocation("AwaitApproval", 2851, 1),
                invocation("VerifyTarget", 3010, 100),
                invocation("RecordSuccess", 3410, 10));

        DrillReport.EmulatorOverhead overhead = EmulatorOverhead.measure(history, invocations, ORIGIN, 0, 3310, 3310);

        // 300 + 50 + 100 + 0 + 200
        assertEquals(new DrillReport.EmulatorOverhead(650, 5, 400 + 100 + 300 + 100 + 300, 100 + 50 + 200 + 150 + 100, 1, 3310 - 650),
                overhead);
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
        DrillReport report = SampleReports.seedFailover().withEmulatorOverhead(new DrillReport.EmulatorOverhead(650, 5, 1200, 600, 0, 2660));

        JsonNode json = new ObjectMapper().readTree(DrillReportJson.toJson(report));
        assertEquals(650, json.get("emulatorOverhead").get("millis").asLong());
        assertEquals(2660, json.get("emulatorOverhead").get("rtoWithoutEmulatorMillis").asLong());
        assertFalse(new ObjectMapper().readTree(DrillReportJson.toJson(SampleReports.seedFailover())).has("emulatorOverhead"));
        Path file = dir.resolve("report.json");
        DrillReportJson.write(report, file);
        assertEquals(report, DrillReportJson.read(file));

        String summary = TimelineSummary.render(report);
        assertTrue(summary.contains("Without emulator:    2.66s measured: recovery without the emulator's overhead, 0.65s in moto's Step Functions,"
                + " Lambda and the bridge over 5 workflow tasks (their handlers: 0.60s of 1.20s); still in it: the time between states"
                + " and the handlers' own AWS calls to moto" + System.lineSeparator()), summary);
        assertTrue(TimelineSummary.emulatorLine(new DrillReport.EmulatorOverhead(650, 5, 1200, 600, 2, 2660))
                .endsWith("calls to moto, and 2 tasks the bridge did not time" + System.lineSeparator()));
        assertFalse(TimelineSummary.render(SampleReports.seedFailover()).contains("Without emulator"));
    }

    private static void task(List<HistoryEvent> history, String state, long enteredAt, long scheduledAt, HistoryEventType end, long endAt) {
        task(history, state, enteredAt, scheduledAt, end, endAt, "invoke");
    }

    private static void task(List<HistoryEvent> history, String state, long enteredAt, long scheduledAt, HistoryEventType end, long endAt,
                             String resource) {
        history.add(entered(state, enteredAt));
        history.add(scheduled(state, resource, scheduledAt));
        history.add(event(end, endAt));
        history.add(HistoryEvent.builder().type(HistoryEventType.TASK_STATE_EXITED).timestamp(ORIGIN.plusMillis(endAt + 5))
                .stateExitedEventDetails(d -> d.name(state)).build());
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
        return new LambdaBridge.Invocation("shop-" + function, "eu-west-1", ORIGIN.plusMillis(atMillis).plusNanos(400_000), millis * 1_000_000L);
    }
}
