package dev.crossfade.cli.drill;

import dev.crossfade.emulator.LambdaBridge;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The emulator's own share of the workflow's Lambda tasks (docs/drill.md, "The emulator's
 * overhead"). For each attempt of a Lambda task in the execution history, from its
 * {@code TaskScheduled} event to its {@code TaskSucceeded}, {@code TaskFailed} or
 * {@code TaskTimedOut} event, the overhead is the attempt's duration minus the wall-clock time the
 * handler of that invocation ran in the bridge ({@link LambdaBridge.Invocation}), at least 0: moto's
 * Step Functions interpreter and Lambda, and the bridge's HTTP. The sum over the attempts within the
 * measured recovery (scheduled at or after its start, ended at or before its end) is E.
 *
 * <p>Left out of E, so kept in the recovery without it: the time between states (a task state's
 * entry to its scheduling, its end to the next state's entry, Choice and Pass states, a Retry's
 * backoff), the tasks inside a Parallel or Map state (they overlap: the run's PreWarm), callback
 * tasks ({@code .waitForTaskToken}: they wait for a person), and an attempt whose invocation the
 * bridge did not time (counted in {@code untimedTasks}). The handlers' own AWS calls to moto are
 * handler time, so kept too.
 */
final class EmulatorOverhead {

    /** How far a handler's start (nanosecond clock) may fall outside the task's millisecond timestamps. */
    static final Duration SLACK = Duration.ofMillis(50);
    private static final Pattern FUNCTION_NAME = Pattern.compile("\"FunctionName\"\\s*:\\s*\"([^\"]+)\"");

    private EmulatorOverhead() {}

    /** One Lambda task attempt and the handler time matched to it (null: none). */
    record Task(String state, String function, long scheduledMillis, long endMillis, Long handlerMillis) {
        long overheadMillis() {
            return handlerMillis == null ? 0 : Math.max(0, endMillis - scheduledMillis - handlerMillis);
        }
    }

    /**
     * The overhead of the tasks from {@code fromMillis} to {@code untilMillis} (drill clock: ms since
     * {@code origin}), with the recovery {@code rtoMillis} it is taken out of.
     */
    static DrillReport.EmulatorOverhead measure(List<HistoryEvent> history, List<LambdaBridge.Invocation> invocations, Instant origin,
                                                long fromMillis, long untilMillis, long rtoMillis) {
        List<Task> tasks = tasks(history, invocations, origin).stream()
                .filter(t -> t.scheduledMillis() >= fromMillis && t.endMillis() <= untilMillis).toList();
        List<Task> timed = tasks.stream().filter(t -> t.handlerMillis() != null).toList();
        long overhead = timed.stream().mapToLong(Task::overheadMillis).sum();
        return new DrillReport.EmulatorOverhead(overhead, timed.size(),
                timed.stream().mapToLong(t -> t.endMillis() - t.scheduledMillis()).sum(),
                timed.stream().mapToLong(Task::handlerMillis).sum(),
                tasks.size() - timed.size(), Math.max(0, rtoMillis - overhead));
    }

    /** Every Lambda task attempt outside Parallel and Map states, in history order, each matched to its invocation. */
    static List<Task> tasks(List<HistoryEvent> history, List<LambdaBridge.Invocation> invocations, Instant origin) {
        List<Task> tasks = new ArrayList<>();
        Set<LambdaBridge.Invocation> used = new HashSet<>();
        int nested = 0;
        String state = null;
        HistoryEvent scheduled = null;
        for (HistoryEvent e : history) {
            HistoryEventType type = e.type();
            if (type == HistoryEventType.PARALLEL_STATE_ENTERED || type == HistoryEventType.MAP_STATE_ENTERED) {
                nested++;
            } else if (type == HistoryEventType.PARALLEL_STATE_EXITED || type == HistoryEventType.MAP_STATE_EXITED) {
                nested = Math.max(0, nested - 1);
            } else if (nested > 0) {
                continue;
            } else if (type == HistoryEventType.TASK_STATE_ENTERED) {
                state = e.stateEnteredEventDetails().name();
                scheduled = null;
            } else if (type == HistoryEventType.TASK_SCHEDULED) {
                var details = e.taskScheduledEventDetails();
                boolean lambda = "lambda".equals(details.resourceType()) && !String.valueOf(details.resource()).contains("waitForTaskToken");
                scheduled = lambda ? e : null;
            } else if (scheduled != null && (type == HistoryEventType.TASK_SUCCEEDED || type == HistoryEventType.TASK_FAILED
                    || type == HistoryEventType.TASK_TIMED_OUT)) {
                String function = function(scheduled.taskScheduledEventDetails().parameters());
                Optional<LambdaBridge.Invocation> invocation = match(invocations, used, function, scheduled.timestamp(), e.timestamp());
                invocation.ifPresent(used::add);
                tasks.add(new Task(state, function, millis(origin, scheduled.timestamp()), millis(origin, e.timestamp()),
                        invocation.map(i -> Duration.ofNanos(i.handlerNanos()).toMillis()).orElse(null)));
                scheduled = null;
            }
        }
        return tasks;
    }

    /** The function's name from the task's parameters: the last part of an ARN (a version or alias dropped), or the name. */
    static String function(String parameters) {
        Matcher m = FUNCTION_NAME.matcher(parameters == null ? "" : parameters);
        if (!m.find()) {
            return null;
        }
        String value = m.group(1);
        int at = value.indexOf(":function:");
        if (at >= 0) {
            value = value.substring(at + ":function:".length());
            int qualifier = value.indexOf(':');
            return qualifier >= 0 ? value.substring(0, qualifier) : value;
        }
        return value;
    }

    /** The unused invocation of {@code function} that started within the task (with {@link #SLACK}), nearest to its scheduling. */
    private static Optional<LambdaBridge.Invocation> match(List<LambdaBridge.Invocation> invocations, Set<LambdaBridge.Invocation> used,
                                                           String function, Instant scheduled, Instant end) {
        if (function == null) {
            return Optional.empty();
        }
        Instant from = scheduled.minus(SLACK);
        Instant until = end.plus(SLACK);
        return invocations.stream()
                .filter(i -> function.equals(i.functionName()) && !used.contains(i))
                .filter(i -> !i.start().isBefore(from) && !i.start().isAfter(until))
                .min(Comparator.comparing(i -> Duration.between(scheduled, i.start()).abs()));
    }

    private static long millis(Instant origin, Instant at) {
        return Duration.between(origin, at).toMillis();
    }
}
