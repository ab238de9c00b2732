package dev.crossfade.cli.drill;

import dev.crossfade.emulator.LambdaBridge;
import dev.crossfade.local.CallTimer;
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
 * The emulator's time on the recovery's critical path (docs/drill.md, "The emulator's overhead"),
 * E, in four parts, none overlapping another:
 *
 * <ul>
 *   <li><b>around the tasks</b>: for each attempt of a Lambda task in the execution history, from its
 *       {@code TaskScheduled} event to its {@code TaskSucceeded}, {@code TaskFailed} or
 *       {@code TaskTimedOut} event, the attempt's duration minus the wall-clock time its handler ran
 *       in the bridge ({@link LambdaBridge.Invocation}), at least 0: moto's Step Functions
 *       interpreter and Lambda, and the bridge's HTTP;</li>
 *   <li><b>the handlers' AWS calls</b>: within those handlers, the time of their AWS calls to moto and
 *       the lab's stand-ins that were answered ({@link CallTimer}, matched by the invocation's
 *       thread), the real {@code pg_promote} behind the emulated {@code PromoteReadReplica}
 *       included. A call that failed (a region that is out refusing it, with the SDK's retries) is
 *       the fault's cost, which AWS would charge too, so it stays in the recovery and is reported
 *       apart;</li>
 *   <li><b>between states</b>: from the execution's start to the recovery's end, the time inside no
 *       Lambda task attempt, no callback task ({@code .waitForTaskToken}: a person) and no Retry
 *       backoff (a wait the design imposes): the interpreter's transitions, Choice and Pass states,
 *       the run's {@code PreWarm} (a Parallel state whose branches only warm functions up);</li>
 *   <li><b>the detector's calls</b>: the AWS calls the detectors made on the tick that started the
 *       run that were answered, from the tick's start to the execution's start (those that failed
 *       are counted with the handlers' failed calls, and kept).</li>
 * </ul>
 *
 * <p>Kept in the recovery without it: the waits the design imposes (detection, dwell, the schedule,
 * Retry backoffs), the handlers' and detectors' own work, the calls that failed, the alarm events'
 * delivery, AWS's own service time for the calls taken out (nothing stands in for it), and an attempt
 * whose invocation the bridge did not time (counted in {@code untimedTasks}, kept whole).
 */
final class EmulatorOverhead {

    /** How far a handler's start (nanosecond clock) may fall outside the task's millisecond timestamps. */
    static final Duration SLACK = Duration.ofMillis(50);
    private static final Pattern FUNCTION_NAME = Pattern.compile("\"FunctionName\"\\s*:\\s*\"([^\"]+)\"");

    private EmulatorOverhead() {}

    /** A start of the detectors' minute schedule: when, and the thread that evaluated it. */
    record Tick(Instant start, long threadId) {}

    /** One Lambda task attempt, the handler time matched to it (null: none) and its handler's AWS calls. */
    record Task(String state, String function, long scheduledMillis, long endMillis, Long handlerMillis, List<CallTimer.Call> calls) {
        Task {
            calls = List.copyOf(calls);
        }

        Task(String state, String function, long scheduledMillis, long endMillis, Long handlerMillis) {
            this(state, function, scheduledMillis, endMillis, handlerMillis, List.of());
        }

        long overheadMillis() {
            return handlerMillis == null ? 0 : Math.max(0, endMillis - scheduledMillis - handlerMillis);
        }

        /** The handler's calls that succeeded: the emulator's service time. */
        List<CallTimer.Call> answered() {
            return calls.stream().filter(c -> !c.failed()).toList();
        }

        /** The handler's calls that failed: a region that is out refusing them (the fault's cost, not the emulator's). */
        List<CallTimer.Call> failed() {
            return calls.stream().filter(CallTimer.Call::failed).toList();
        }
    }

    /** A stretch of the run that is no emulator time: a task attempt, a callback task or a Retry's backoff (drill clock, ms). */
    record Span(long fromMillis, long untilMillis) {}

    /** The walk over the history: the Lambda task attempts, the spans that are not between states, the execution's start. */
    record Walk(List<Task> tasks, List<Span> covered, Long startedMillis) {}

    /**
     * The emulator's time from {@code fromMillis} to {@code untilMillis} (drill clock: ms since
     * {@code origin}), with the recovery {@code rtoMillis} it is taken out of.
     */
    static DrillReport.EmulatorOverhead measure(List<HistoryEvent> history, List<LambdaBridge.Invocation> invocations,
                                                List<CallTimer.Call> calls, List<Tick> ticks, Instant origin,
                                                long fromMillis, long untilMillis, long rtoMillis) {
        Walk walk = walk(history, invocations, calls, origin);
        List<Task> tasks = walk.tasks().stream().filter(t -> t.scheduledMillis() >= fromMillis && t.endMillis() <= untilMillis).toList();
        List<Task> timed = tasks.stream().filter(t -> t.handlerMillis() != null).toList();
        long around = timed.stream().mapToLong(Task::overheadMillis).sum();
        long callsMillis = millis(timed.stream().flatMap(t -> t.answered().stream()).toList());
        int callCount = timed.stream().mapToInt(t -> t.answered().size()).sum();
        List<CallTimer.Call> failed = timed.stream().flatMap(t -> t.failed().stream()).toList();
        long between = 0;
        long detector = 0;
        long detectorFailed = 0;
        int detectorFailedCount = 0;
        if (walk.startedMillis() != null) {
            long from = Math.max(fromMillis, walk.startedMillis());
            between = Math.max(0, untilMillis - from - coveredMillis(walk.covered(), from, untilMillis));
            Instant started = origin.plusMillis(walk.startedMillis());
            Instant fault = origin.plusMillis(fromMillis);
            Optional<Tick> deciding = ticks.stream().filter(t -> !t.start().isAfter(started) && !t.start().isBefore(fault))
                    .max(Comparator.comparing(Tick::start));
            if (deciding.isPresent()) {
                Tick t = deciding.get();
                List<CallTimer.Call> made = CallTimer.on(calls, t.threadId()).stream()
                        .filter(c -> c.end().isAfter(t.start()) && c.start().isBefore(started)).toList();
                detector = CallTimer.within(made.stream().filter(c -> !c.failed()).toList(), t.start(), started).toMillis();
                List<CallTimer.Call> refused = made.stream().filter(CallTimer.Call::failed).toList();
                detectorFailed = CallTimer.within(refused, t.start(), started).toMillis();
                detectorFailedCount = refused.size();
            }
        }
        long total = around + callsMillis + between + detector;
        return new DrillReport.EmulatorOverhead(total, around, callsMillis, callCount, between, detector, millis(failed) + detectorFailed,
                failed.size() + detectorFailedCount, timed.size(),
                timed.stream().mapToLong(t -> t.endMillis() - t.scheduledMillis()).sum(),
                timed.stream().mapToLong(Task::handlerMillis).sum(),
                tasks.size() - timed.size(), Math.max(0, rtoMillis - total));
    }

    /** Every Lambda task attempt outside Parallel and Map states, in history order, each matched to its invocation. */
    static List<Task> tasks(List<HistoryEvent> history, List<LambdaBridge.Invocation> invocations, Instant origin) {
        return walk(history, invocations, List.of(), origin).tasks();
    }

    static Walk walk(List<HistoryEvent> history, List<LambdaBridge.Invocation> invocations, List<CallTimer.Call> calls, Instant origin) {
        List<Task> tasks = new ArrayList<>();
        List<Span> covered = new ArrayList<>();
        Set<LambdaBridge.Invocation> used = new HashSet<>();
        Long startedMillis = null;
        int nested = 0;
        String state = null;
        HistoryEvent scheduled = null;
        boolean callback = false;
        Long failedAt = null; // the end of a failed attempt of the current state: a Retry's backoff runs from there
        for (HistoryEvent e : history) {
            HistoryEventType type = e.type();
            if (type == HistoryEventType.EXECUTION_STARTED) {
                startedMillis = millis(origin, e.timestamp());
            } else if (type == HistoryEventType.PARALLEL_STATE_ENTERED || type == HistoryEventType.MAP_STATE_ENTERED) {
                nested++;
            } else if (type == HistoryEventType.PARALLEL_STATE_EXITED || type == HistoryEventType.MAP_STATE_EXITED) {
                nested = Math.max(0, nested - 1);
            } else if (nested > 0) {
                continue;
            } else if (type == HistoryEventType.TASK_STATE_ENTERED) {
                state = e.stateEnteredEventDetails().name();
                scheduled = null;
                failedAt = null;
            } else if (type == HistoryEventType.TASK_SCHEDULED) {
                var details = e.taskScheduledEventDetails();
                boolean lambda = "lambda".equals(details.resourceType());
                callback = String.valueOf(details.resource()).contains("waitForTaskToken");
                scheduled = lambda ? e : null;
                if (failedAt != null) {
                    covered.add(new Span(failedAt, millis(origin, e.timestamp())));
                    failedAt = null;
                }
            } else if (scheduled != null && (type == HistoryEventType.TASK_SUCCEEDED || type == HistoryEventType.TASK_FAILED
                    || type == HistoryEventType.TASK_TIMED_OUT)) {
                long from = millis(origin, scheduled.timestamp());
                long until = millis(origin, e.timestamp());
                covered.add(new Span(from, until));
                if (!callback) {
                    String function = function(scheduled.taskScheduledEventDetails().parameters());
                    Optional<LambdaBridge.Invocation> invocation = match(invocations, used, function, scheduled.timestamp(), e.timestamp());
                    invocation.ifPresent(used::add);
                    tasks.add(new Task(state, function, from, until, invocation.map(i -> Duration.ofNanos(i.handlerNanos()).toMillis()).orElse(null),
                            invocation.map(i -> CallTimer.on(calls, i.threadId())).orElse(List.of())));
                }
                failedAt = type == HistoryEventType.TASK_SUCCEEDED ? null : until;
                scheduled = null;
            } else if (type == HistoryEventType.TASK_STATE_EXITED) {
                failedAt = null;
            }
        }
        return new Walk(tasks, covered, startedMillis);
    }

    /** How much of {@code from} to {@code until} the spans cover, each moment counted once. */
    static long coveredMillis(List<Span> spans, long from, long until) {
        List<Span> clipped = spans.stream().map(s -> new Span(Math.max(from, s.fromMillis()), Math.min(until, s.untilMillis())))
                .filter(s -> s.untilMillis() > s.fromMillis()).sorted(Comparator.comparingLong(Span::fromMillis)).toList();
        long total = 0;
        long reached = from;
        for (Span s : clipped) {
            long start = Math.max(reached, s.fromMillis());
            if (s.untilMillis() > start) {
                total += s.untilMillis() - start;
                reached = s.untilMillis();
            }
        }
        return total;
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

    private static long millis(List<CallTimer.Call> calls) {
        return Duration.ofNanos(calls.stream().mapToLong(CallTimer.Call::nanos).sum()).toMillis();
    }

    private static long millis(Instant origin, Instant at) {
        return Duration.between(origin, at).toMillis();
    }
}
