package dev.crossfade.decision;

import java.time.Instant;

/** An EventBridge event after validation: an alarm change, a scheduled tick, or a rejection. */
public sealed interface DetectorEvent {

    /**
     * @param watchedRegion the region the alarm is about (from the alarm name)
     * @param signal        the signal name (from the alarm name), e.g. {@code alb-5xx}
     * @param observer      the region whose CloudWatch raised the event
     */
    record AlarmChange(String alarmName, String watchedRegion, String signal, String observer,
                       AlarmState state, Instant at) implements DetectorEvent {

        /** Signals are keyed by name and observer, so two vantage points count as two signals. */
        public String signalKey() {
            return signal + "@" + observer;
        }
    }

    /**
     * The schedule fired: re-evaluate dwell times, cooldowns and recoveries.
     *
     * @param observed alarm states read directly (DescribeAlarms), which repair missed events
     */
    record Tick(Instant at, java.util.List<AlarmChange> observed) implements DetectorEvent {
        public Tick {
            observed = java.util.List.copyOf(observed);
        }

        public Tick(Instant at) {
            this(at, java.util.List.of());
        }

        public Tick withObserved(java.util.List<AlarmChange> alarms) {
            return new Tick(at, alarms);
        }
    }

    /**
     * A failover workflow execution changed status (Step Functions "Execution Status Change",
     * delivered by EventBridge): how the detector learns what actually happened to a run.
     *
     * @param executionName the execution's name (deterministic, see {@link ExecutionNames})
     * @param status        RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED
     * @param region        the region the execution runs in (the failover target)
     */
    record RunStatus(String executionName, String status, String region, Instant at) implements DetectorEvent {
        public boolean ended() {
            return !status.equals("RUNNING");
        }

        public boolean succeeded() {
            return status.equals("SUCCEEDED");
        }
    }

    /** Malformed or foreign: answered with action NONE and this reason, never acted on. */
    record Rejected(String reason) implements DetectorEvent {}
}
