package dev.crossfade.cli.remote;

import dev.crossfade.cli.drill.TimelinePrinter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sfn.model.ExecutionAbortedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.ExecutionTimedOutEventDetails;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutEventDetails;

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
    static Optional<String> failure(HistoryEvent e) {
        // the first of these an event has (an event has at most one kind of details)
        return Stream.of(
                        described(e.taskFailedEventDetails(), TaskFailedEventDetails::error, TaskFailedEventDetails::cause),
                        described(e.lambdaFunctionFailedEventDetails(), LambdaFunctionFailedEventDetails::error,
                                LambdaFunctionFailedEventDetails::cause),
                        described(e.taskTimedOutEventDetails(), TaskTimedOutEventDetails::error, TaskTimedOutEventDetails::cause),
                        described(e.executionFailedEventDetails(), ExecutionFailedEventDetails::error, ExecutionFailedEventDetails::cause),
                        described(e.executionTimedOutEventDetails(), ExecutionTimedOutEventDetails::error,
                                ExecutionTimedOutEventDetails::cause),
                        described(e.executionAbortedEventDetails(), ExecutionAbortedEventDetails::error,
                                ExecutionAbortedEventDetails::cause))
                .flatMap(Optional::stream).findFirst();
    }

    /** {@code error: cause} of a failure's details, if the event has them (null: not this kind of failure). */
    private static <D> Optional<String> described(D details, Function<D, String> error, Function<D, String> cause) {
        if (details == null) {
            return Optional.empty();
        }
        String name = error.apply(details);
        String why = cause.apply(details);
        return Optional.of((name == null ? "(no error name)" : name) + (why == null ? "" : ": " + why));
    }
}
