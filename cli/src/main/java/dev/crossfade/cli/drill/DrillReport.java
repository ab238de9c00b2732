package dev.crossfade.cli.drill;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code drill --local --report} writes (docs/drill.md, docs/cli.md). Build it with
 * {@link #of}, which derives the recovery times from the measured phases.
 *
 * @param newPrimary          null when the drill did not fail over
 * @param rtoMillis           wall clock from the start of the first phase to the end of the last
 * @param equivalentRtoMillis the same at real-world intervals: time-scaled phases count
 *                            {@code timeScale} times their measured length
 */
@JsonPropertyOrder({"topology", "failedRegion", "newPrimary", "result", "rtoMillis", "dataLossWindowMillis",
        "phases", "finalState", "mutations", "fault", "startedAt", "executionName", "data", "timeScale", "equivalentRtoMillis", "events", "modelledPromotion", "emulatorOverhead"})
public record DrillReport(
        String topology,
        String failedRegion,
        String newPrimary,
        Result result,
        long rtoMillis,
        long dataLossWindowMillis,
        List<Phase> phases,
        FinalState finalState,
        List<Mutation> mutations,
        double timeScale,
        long equivalentRtoMillis,
        List<TimelineEvent> events,
        @JsonInclude(JsonInclude.Include.NON_NULL) String fault,
        @JsonInclude(JsonInclude.Include.NON_NULL) String startedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String executionName,
        @JsonInclude(JsonInclude.Include.NON_NULL) Data data,
        @JsonInclude(JsonInclude.Include.NON_NULL) ModelledPromotion modelledPromotion,
        @JsonInclude(JsonInclude.Include.NON_NULL) EmulatorOverhead emulatorOverhead) {

    /**
     * SUCCEEDED: failed over and verified. NO_FAILOVER: the policy rightly moved nothing (a
     * standby that takes no traffic failed). ABORTED: a guard stopped the workflow safely.
     * FAILED: anything else.
     */
    public enum Result { SUCCEEDED, NO_FAILOVER, FAILED, ABORTED }

    public record FinalState(String writerRegion, Map<String, Integer> trafficByRegion, String dnsAnswerRegion) {
        public FinalState {
            trafficByRegion = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trafficByRegion));
        }
    }

    /** One mutating AWS call the drill made, e.g. rds PromoteReadReplica in eu-west-1. */
    public record Mutation(String service, String action, String region) {}

    /**
     * What the lab's write load measured on the real databases (docs/cli.md): a write is acknowledged
     * when the writer committed it and answered; lost when the final writer lacks it; the window is
     * the span of the lost writes' commit times. The other fields are Crossfade additions.
     *
     * @param writeUnavailableMillis the longest time between two acknowledged writes
     * @param failedWrites           writes sent that got no acknowledgement
     * @param writesPerSecond        acknowledged writes per second since the drill started, by region
     * @param lostAtMillis           when each lost write was acknowledged, ms since the drill started
     */
    @JsonPropertyOrder({"acknowledgedWrites", "lostWrites", "dataLossWindowMillis", "staleReads", "failedWrites",
            "writeUnavailableMillis", "writesPerSecond", "lostAtMillis"})
    public record Data(long acknowledgedWrites, long lostWrites, long dataLossWindowMillis, long staleReads, long failedWrites,
                       long writeUnavailableMillis, Map<String, List<Integer>> writesPerSecond, List<Long> lostAtMillis) {
        public Data {
            writesPerSecond = writesPerSecond == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writesPerSecond));
            lostAtMillis = lostAtMillis == null ? List.of() : List.copyOf(lostAtMillis);
        }
    }

    /**
     * The emulator's time on the recovery's critical path within {@code rtoMillis} (docs/drill.md,
     * "The emulator's overhead"): moto's Step Functions and Lambda and the bridge's HTTP, per task
     * attempt its duration from scheduled to ended minus its handler's wall-clock time; the
     * handlers' own AWS calls; the time between the run's states; the deciding detector's AWS calls
     * before the run started.
     *
     * @param millis                   E, the sum of the four parts below
     * @param aroundTasksMillis        over the timed tasks, the sum of max(0, task - handler): moto's Step Functions and Lambda, the bridge
     * @param awsCallsMillis           the timed tasks' handlers' AWS calls answered by moto and the lab's stand-ins, summed
     * @param awsCalls                 how many calls that is
     * @param betweenStatesMillis      from the run's start to the recovery's end, the time in no Lambda task, callback or Retry
     *                                 backoff: the interpreter's transitions, Choice and Pass states, the PreWarm (a Parallel state)
     * @param detectorCallsMillis      the answered AWS calls the detectors made on the deciding tick before the run started
     * @param failedCallsMillis        the AWS calls that failed (a region that is out), of the timed tasks' handlers and of the
     *                                 deciding tick before the run started: kept in the recovery
     * @param failedCalls              how many calls that is
     * @param tasks                    the Lambda task attempts within the recovery whose handler the bridge timed
     * @param taskMillis               their durations, scheduled to ended, summed
     * @param handlerMillis            their handlers' times in the bridge, summed (the AWS calls included)
     * @param untimedTasks             attempts within the recovery whose invocation the bridge did not time (kept whole in the recovery)
     * @param rtoWithoutEmulatorMillis {@code rtoMillis - millis}, at least 0
     */
    @JsonPropertyOrder({"millis", "aroundTasksMillis", "awsCallsMillis", "awsCalls", "betweenStatesMillis", "detectorCallsMillis",
            "failedCallsMillis", "failedCalls", "tasks", "taskMillis", "handlerMillis", "untimedTasks", "rtoWithoutEmulatorMillis"})
    public record EmulatorOverhead(long millis, long aroundTasksMillis, long awsCallsMillis, int awsCalls, long betweenStatesMillis,
                                   long detectorCallsMillis, long failedCallsMillis, int failedCalls, int tasks, long taskMillis,
                                   long handlerMillis, int untimedTasks, long rtoWithoutEmulatorMillis) {}

    /** A line of the live timeline, kept for the report. */
    public record TimelineEvent(long atMillis, String phase, String message) {}

    public DrillReport {
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(finalState, "finalState");
        phases = List.copyOf(phases);
        mutations = List.copyOf(mutations);
        events = List.copyOf(events);
    }

    public static DrillReport of(String topology, String failedRegion, String newPrimary, Result result,
                                 long dataLossWindowMillis, List<Phase> phases, FinalState finalState,
                                 List<Mutation> mutations, TimeScale scale, List<TimelineEvent> events) {
        long first = phases.stream().mapToLong(Phase::startMillis).min().orElse(0);
        long last = phases.stream().mapToLong(Phase::endMillis).max().orElse(0);
        long stretch = phases.stream().mapToLong(p -> p.equivalentMillis() - p.durationMillis()).sum();
        return new DrillReport(topology, failedRegion, newPrimary, result, last - first, dataLossWindowMillis,
                phases, finalState, mutations, scale.factor(), last - first + stretch, events, null, null, null, null, null, null);
    }

    /** The same report with the fault, start time, execution name and measured data; the top-level window becomes the data's. */
    public DrillReport with(String fault, String startedAt, String executionName, Data data) {
        return new DrillReport(topology, failedRegion, newPrimary, result, rtoMillis,
                data == null ? dataLossWindowMillis : data.dataLossWindowMillis(), phases, finalState, mutations, timeScale,
                equivalentRtoMillis, events, fault, startedAt, executionName, data, modelledPromotion, emulatorOverhead);
    }

    /** The same report with the promotion time that AWS documents for the engine, kept apart from the measured figures. */
    public DrillReport withModelledPromotion(ModelledPromotion modelled) {
        return new DrillReport(topology, failedRegion, newPrimary, result, rtoMillis, dataLossWindowMillis, phases, finalState, mutations,
                timeScale, equivalentRtoMillis, events, fault, startedAt, executionName, data, modelled, emulatorOverhead);
    }

    /** The same report with the emulator's share of the workflow's tasks, kept apart from the measured figures. */
    public DrillReport withEmulatorOverhead(EmulatorOverhead overhead) {
        return new DrillReport(topology, failedRegion, newPrimary, result, rtoMillis, dataLossWindowMillis, phases, finalState, mutations,
                timeScale, equivalentRtoMillis, events, fault, startedAt, executionName, data, modelledPromotion, overhead);
    }
}
