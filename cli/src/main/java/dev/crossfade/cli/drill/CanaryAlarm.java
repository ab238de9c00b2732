package dev.crossfade.cli.drill;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates one canary alarm the way the deployed alarm is configured: each probe is a
 * datapoint (1 healthy, 0 not), {@code threshold} consecutive zeros go to ALARM, and
 * {@code threshold} consecutive ones go to OK (the hysteresis Route 53 health checks also use).
 * Starts in INSUFFICIENT_DATA, like a newly created alarm.
 */
public final class CanaryAlarm {

    /** A state transition; {@code previous} is the state being left, as the event reports it. */
    public record Change(AlarmStateDetail previous, AlarmStateDetail current) {}

    public record Datapoint(Instant time, double value) {}

    private final CanaryAlarmSpec spec;
    private final Deque<Datapoint> newestFirst = new ArrayDeque<>();
    private AlarmStateDetail state;
    private int failing;
    private int passing;

    public CanaryAlarm(CanaryAlarmSpec spec, Instant createdAt) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.state = AlarmStateDetail.created(createdAt);
    }

    public CanaryAlarmSpec spec() { return spec; }

    public synchronized AlarmStateDetail state() { return state; }

    public synchronized int failingStreak() { return failing; }

    public synchronized int passingStreak() { return passing; }

    /** Adds one datapoint; returns the change if this datapoint moved the alarm. */
    public synchronized Optional<Change> observe(Instant at, boolean healthy) {
        newestFirst.addFirst(new Datapoint(at, healthy ? 1.0 : 0.0));
        while (newestFirst.size() > spec.threshold()) {
            newestFirst.removeLast();
        }
        failing = healthy ? 0 : failing + 1;
        passing = healthy ? passing + 1 : 0;
        String target = failing >= spec.threshold() ? AlarmStateDetail.ALARM
                : passing >= spec.threshold() ? AlarmStateDetail.OK
                : state.value();
        if (target.equals(state.value())) {
            return Optional.empty();
        }
        AlarmStateDetail next = AlarmReason.thresholdCrossed(spec, List.copyOf(newestFirst), target, at);
        Change change = new Change(state, next);
        state = next;
        return Optional.of(change);
    }
}
