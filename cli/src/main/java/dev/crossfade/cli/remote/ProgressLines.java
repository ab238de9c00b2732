package dev.crossfade.cli.remote;

import dev.crossfade.cli.drill.TimelinePrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The live progress: one line per state entered or exited, per failure (a retried step shows
 * here first) and for the execution's end, stamped with the seconds since the execution started
 * (the history's own timestamps, so a run followed late prints the same times).
 */
final class ProgressLines implements Consumer<HistoryEvent> {

    private final TimelinePrinter printer;
    private final Instant executionStart;
    private final Map<String, Instant> entered = new HashMap<>();

    ProgressLines(TimelinePrinter printer, Instant executionStart) {
        this.printer = Objects.requireNonNull(printer, "printer");
        this.executionStart = Objects.requireNonNull(executionStart, "executionStart");
    }

    @Override
    public void accept(HistoryEvent e) {
        long at = Math.max(0, Duration.between(executionStart, e.timestamp()).toMillis());
        String type = e.typeAsString();
        if (e.stateEnteredEventDetails() != null && type.endsWith("StateEntered")) {
            String state = e.stateEnteredEventDetails().name();
            entered.put(state, e.timestamp());
            printer.line(at, WorkflowStates.labelOf(state), "entered " + state);
        } else if (e.stateExitedEventDetails() != null && type.endsWith("StateExited")) {
            String state = e.stateExitedEventDetails().name();
            Instant in = entered.get(state);
            String took = in == null ? "" : String.format(Locale.ROOT, " after %.2fs",
                    Duration.between(in, e.timestamp()).toMillis() / 1000.0);
            printer.line(at, WorkflowStates.labelOf(state), "exited " + state + took);
        } else {
            failure(e).ifPresent(text -> printer.line(at, "error", type + ": " + text));
            if (type.startsWith("Execution") && !type.equals("ExecutionStarted") && failure(e).isEmpty()) {
                printer.line(at, "end", type);
            }
        }
    }

    /** The error and cause of a failure event of any kind, if this is one. */
    static java.util.Optional<String> failure(HistoryEvent e) {
        String error = null;
        String cause = null;
        if (e.taskFailedEventDetails() != null) {
            error = e.taskFailedEventDetails().error();
            cause = e.taskFailedEventDetails().cause();
        } else if (e.lambdaFunctionFailedEventDetails() != null) {
            error = e.lambdaFunctionFailedEventDetails().error();
            cause = e.lambdaFunctionFailedEventDetails().cause();
        } else if (e.taskTimedOutEventDetails() != null) {
            error = e.taskTimedOutEventDetails().error();
            cause = e.taskTimedOutEventDetails().cause();
        } else if (e.executionFailedEventDetails() != null) {
            error = e.executionFailedEventDetails().error();
            cause = e.executionFailedEventDetails().cause();
        } else if (e.executionTimedOutEventDetails() != null) {
            error = e.executionTimedOutEventDetails().error();
            cause = e.executionTimedOutEventDetails().cause();
        } else if (e.executionAbortedEventDetails() != null) {
            error = e.executionAbortedEventDetails().error();
            cause = e.executionAbortedEventDetails().cause();
        } else {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of((error == null ? "(no error name)" : error) + (cause == null ? "" : ": " + cause));
    }
}
