package dev.crossfade.cli.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * Follows a running workflow execution by polling its history, and prints each phase when it
 * starts and when it ends (stamped with the history's own timestamps), and each other step as it
 * is entered, while the execution runs. The phase table at the end is still measured from the
 * whole history ({@link ExecutionPhases}).
 */
final class WorkflowProgress {

    static final Duration POLL = Duration.ofMillis(200);

    private final TimelinePrinter printer;
    private final Instant origin;
    private final Duration pollEvery;
    private final Map<String, Instant> started = new HashMap<>();
    private final Set<String> ended = new HashSet<>();
    private int seen;
    private String currentStep;
    private long lastNews = System.nanoTime();

    /** @param origin the drill's start on the system clock, which moto's timestamps also follow */
    WorkflowProgress(TimelinePrinter printer, Instant origin) {
        this(printer, origin, POLL);
    }

    WorkflowProgress(TimelinePrinter printer, Instant origin, Duration pollEvery) {
        this.printer = Objects.requireNonNull(printer, "printer");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.pollEvery = pollEvery;
    }

    /**
     * Polls until the execution is no longer RUNNING, printing what its history shows as it shows
     * it; the history is read once more after the end, so no step is missed.
     */
    DescribeExecutionResponse follow(Supplier<DescribeExecutionResponse> describe, Supplier<List<HistoryEvent>> history, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            DescribeExecutionResponse d = describe.get();
            observe(history.get());
            if (d.status() != ExecutionStatus.RUNNING) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the execution " + d.name() + " is still RUNNING after " + atMost.toSeconds()
                        + " s (last step: " + currentStep + ")");
            }
            if (System.nanoTime() - lastNews > Waits.EVERY.toNanos() && currentStep != null) {
                printer.progress("workflow", "still in step " + currentStep);
                lastNews = System.nanoTime();
            }
            LockSupport.parkNanos(pollEvery.toNanos());
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while following the execution " + d.name());
            }
        }
    }

    /** Prints the lines for the events not seen yet (a history is a list that only grows). */
    void observe(List<HistoryEvent> events) {
        for (int i = seen; i < events.size(); i++) {
            HistoryEvent e = events.get(i);
            if (e.type() == HistoryEventType.TASK_STATE_ENTERED || e.type() == HistoryEventType.WAIT_STATE_ENTERED) {
                entered(e.stateEnteredEventDetails().name(), e.timestamp());
            } else if (e.type() == HistoryEventType.TASK_STATE_EXITED) {
                exited(e.stateExitedEventDetails().name(), e.timestamp());
            }
        }
        if (events.size() > seen) {
            lastNews = System.nanoTime();
        }
        seen = Math.max(seen, events.size());
    }

    private void entered(String state, Instant at) {
        currentStep = state;
        for (String[] p : ExecutionPhases.STATES) {
            if (p[1].equals(state) && !started.containsKey(p[0])) {
                started.put(p[0], at);
                printer.line(millis(at), p[0], "started (step " + state + ")");
                return;
            }
        }
        printer.progress("workflow", "step " + state);
    }

    private void exited(String state, Instant at) {
        for (String[] p : ExecutionPhases.STATES) {
            if (p[2].equals(state) && started.containsKey(p[0]) && ended.add(p[0])) {
                printer.line(millis(at), p[0], "ended, took " + Duration.between(started.get(p[0]), at).toMillis() + " ms (execution history)");
            }
        }
    }

    private long millis(Instant at) {
        return Math.max(0, Duration.between(origin, at).toMillis());
    }
}
