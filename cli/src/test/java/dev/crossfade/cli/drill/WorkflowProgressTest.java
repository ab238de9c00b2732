package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

class WorkflowProgressTest {

    private static final Instant ORIGIN = Instant.parse("2026-01-01T00:00:00Z");

    private final StringWriter out = new StringWriter();
    private final DrillClock clock = DrillClock.startNow(new TimeScale(20));

    /**
     * A history that grows by one step per poll; the output is captured every time the execution's
     * status is read, so the test sees what was printed while the execution was still RUNNING.
     */
    @Test
    void runningExecution_shouldPrintEachPhaseWhenItStartsAndEndsBeforeTheExecutionEnds() {
        List<List<HistoryEvent>> snapshots = List.of(
                List.of(entered("AcquireLock", 1_000)),
                List.of(entered("AcquireLock", 1_000), exited("AcquireLock", 1_100), entered("FenceOldPrimary", 1_200)),
                List.of(entered("AcquireLock", 1_000), exited("AcquireLock", 1_100), entered("FenceOldPrimary", 1_200),
                        exited("FenceOldPrimary", 2_700), entered("PromoteDatabase", 2_800)),
                List.of(entered("AcquireLock", 1_000), exited("AcquireLock", 1_100), entered("FenceOldPrimary", 1_200),
                        exited("FenceOldPrimary", 2_700), entered("PromoteDatabase", 2_800), exited("PromoteDatabase", 3_000),
                        entered("CheckPromotion", 3_100), exited("CheckPromotion", 9_000)));
        List<String> outputWhileRunning = new ArrayList<>();
        int[] polls = {0};

        DescribeExecutionResponse end = new WorkflowProgress(new TimelinePrinter(new PrintWriter(out), clock, true), ORIGIN, Duration.ofMillis(1))
                .follow(() -> {
                    int poll = polls[0];
                    if (poll < snapshots.size() - 1) {
                        outputWhileRunning.add(out.toString());
                        return DescribeExecutionResponse.builder().name("run").status(ExecutionStatus.RUNNING).build();
                    }
                    return DescribeExecutionResponse.builder().name("run").status(ExecutionStatus.SUCCEEDED).build();
                }, () -> snapshots.get(Math.min(polls[0]++, snapshots.size() - 1)), Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, end.status());
        // read at the third poll: the history of the second poll (fencing started) was printed while RUNNING
        assertTrue(outputWhileRunning.get(2).contains("[   1.2s] fencing: started (step FenceOldPrimary)"), outputWhileRunning.get(2));
        assertFalse(outputWhileRunning.get(2).contains("promotion"), outputWhileRunning.get(2));
        String all = out.toString();
        assertTrue(all.contains("workflow: step AcquireLock"), all);
        assertTrue(all.contains("[   2.7s] fencing: ended, took 1500 ms (execution history)"), all);
        assertTrue(all.contains("[   2.8s] promotion: started (step PromoteDatabase)"), all);
        assertTrue(all.contains("[   9.0s] promotion: ended, took 6200 ms (execution history)"), all);
        assertEquals(1, all.split("promotion: started", -1).length - 1, "a phase starts once: " + all);
        assertTrue(all.indexOf("fencing: started") < all.indexOf("fencing: ended") && all.indexOf("fencing: ended") < all.indexOf("promotion: started"), all);
    }

    @Test
    void quietPrinter_shouldPrintNothingButKeepThePhaseLinesForTheReport() {
        TimelinePrinter quiet = new TimelinePrinter(new PrintWriter(out), clock, false);
        WorkflowProgress progress = new WorkflowProgress(quiet, ORIGIN, Duration.ofMillis(1));

        progress.observe(List.of(entered("AcquireLock", 1_000), entered("FenceOldPrimary", 1_200), exited("FenceOldPrimary", 2_000)));

        assertEquals("", out.toString());
        assertEquals(List.of("fencing: started (step FenceOldPrimary)", "fencing: ended, took 800 ms (execution history)"),
                quiet.events().stream().map(e -> e.phase() + ": " + e.message()).toList());
    }

    @Test
    void executionThatNeverEnds_shouldFailNamingTheStepItIsIn() {
        WorkflowProgress progress = new WorkflowProgress(new TimelinePrinter(new PrintWriter(out), clock, true), ORIGIN, Duration.ofMillis(1));

        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> progress.follow(
                () -> DescribeExecutionResponse.builder().name("stuck").status(ExecutionStatus.RUNNING).build(),
                () -> List.of(entered("AwaitApproval", 500)), Duration.ofMillis(50)));

        assertTrue(e.getMessage().contains("stuck is still RUNNING") && e.getMessage().contains("AwaitApproval"), e.getMessage());
    }

    private static HistoryEvent entered(String state, long atMillis) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_STATE_ENTERED).timestamp(ORIGIN.plusMillis(atMillis))
                .stateEnteredEventDetails(d -> d.name(state)).build();
    }

    private static HistoryEvent exited(String state, long atMillis) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_STATE_EXITED).timestamp(ORIGIN.plusMillis(atMillis))
                .stateExitedEventDetails(d -> d.name(state)).build();
    }
}
