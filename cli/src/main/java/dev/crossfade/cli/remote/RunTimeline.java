package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.Phase;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Turns a finished execution's history into the drill report the local drill prints: each phase
 * from the first entry into its states to the last exit, in milliseconds since the execution
 * started, as Step Functions timestamped them.
 */
final class RunTimeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunTimeline() {}

    static DrillReport report(Topology topology, RunRequest request, ExecutionFollower.Followed run,
                              List<DrillReport.TimelineEvent> events) {
        Instant start = run.execution().startDate();
        DrillReport.Result result = result(run);
        boolean moved = result == DrillReport.Result.SUCCEEDED && request.mode() != WorkflowMode.DRY_RUN;
        List<DrillReport.Mutation> mutations = RunReport.mutations(topology, request, run.history()).stream()
                .map(m -> new DrillReport.Mutation(m.service(), m.action(), m.region())).toList();
        return DrillReport.of(topology.name(), request.from(), moved ? request.to() : null, result,
                dataLossWindowMillis(request, run.history()), phases(run.history(), start),
                finalState(topology, request, result, moved), mutations, TimeScale.REAL_TIME, events);
    }

    static DrillReport.Result result(ExecutionFollower.Followed run) {
        if (run.execution().status() == ExecutionStatus.SUCCEEDED) {
            return DrillReport.Result.SUCCEEDED;
        }
        return stoppedSafely(run) ? DrillReport.Result.ABORTED : DrillReport.Result.FAILED;
    }

    /** A guard stopped it: the run passed a safe-stop state, or ended on a guard's error. */
    static boolean stoppedSafely(ExecutionFollower.Followed run) {
        if (run.timedOut() || run.execution().status() != ExecutionStatus.FAILED) {
            return false;
        }
        boolean safeStop = run.history().stream().anyMatch(e -> e.stateEnteredEventDetails() != null
                && WorkflowStates.SAFE_STOPS.contains(e.stateEnteredEventDetails().name()));
        boolean markedFailed = run.history().stream().anyMatch(e -> e.stateEnteredEventDetails() != null
                && "MarkFailed".equals(e.stateEnteredEventDetails().name()));
        return !markedFailed && (safeStop || WorkflowStates.isGuardError(run.execution().error()));
    }

    static List<Phase> phases(List<HistoryEvent> history, Instant start) {
        List<Phase> phases = new ArrayList<>();
        for (String name : Phase.NAMES) {
            List<String> states = WorkflowStates.PHASE_STATES.getOrDefault(name, List.of());
            Optional<Instant> first = history.stream().filter(e -> e.stateEnteredEventDetails() != null
                    && states.contains(e.stateEnteredEventDetails().name())).map(HistoryEvent::timestamp).min(Instant::compareTo);
            Optional<Instant> last = history.stream().filter(e -> e.stateExitedEventDetails() != null
                    && states.contains(e.stateExitedEventDetails().name())).map(HistoryEvent::timestamp).max(Instant::compareTo);
            if (first.isPresent() && last.isPresent()) {
                long from = millis(start, first.get());
                long to = Math.max(from, millis(start, last.get()));
                phases.add(new Phase(name, from, to, false, to - from));
            }
        }
        return phases;
    }

    /**
     * An unplanned failover may lose what the replica had not received: the lag the preflight
     * measured. Planned modes wait for zero lag before promoting, so they lose nothing.
     */
    static long dataLossWindowMillis(RunRequest request, List<HistoryEvent> history) {
        if (request.mode() != WorkflowMode.FAILOVER) {
            return 0;
        }
        return history.stream().filter(e -> e.stateExitedEventDetails() != null
                        && "Preflight".equals(e.stateExitedEventDetails().name()))
                .map(e -> json(e.stateExitedEventDetails().output()).path("preflight").path("lagSeconds"))
                .filter(JsonNode::isNumber)
                .mapToLong(lag -> Math.round(lag.asDouble() * 1000))
                .findFirst().orElse(0);
    }

    /**
     * Where the run left the writer and traffic, as the workflow set and verified the routing
     * controls (not measured here): a failed run leaves it to the operator, so nothing is claimed.
     */
    static DrillReport.FinalState finalState(Topology topology, RunRequest request, DrillReport.Result result, boolean moved) {
        if (result == DrillReport.Result.FAILED) {
            return new DrillReport.FinalState(null, Map.of(), null);
        }
        String writer = moved ? request.to() : request.from();
        String off = moved ? request.from() : null;
        List<String> serving = topology.enabledRegions().stream().map(Topology.Region::name)
                .filter(r -> topology.mode() == Topology.Mode.ACTIVE_ACTIVE ? !r.equals(off) : r.equals(writer))
                .toList();
        Map<String, Integer> traffic = new LinkedHashMap<>();
        for (Topology.Region r : topology.enabledRegions()) {
            traffic.put(r.name(), serving.contains(r.name()) ? share(serving, r.name()) : 0);
        }
        return new DrillReport.FinalState(writer, traffic,
                topology.mode() == Topology.Mode.ACTIVE_PASSIVE ? writer : null);
    }

    /** Equal shares that add up to 100 (the first regions take the remainder). */
    private static int share(List<String> serving, String region) {
        int base = 100 / serving.size();
        return base + (serving.indexOf(region) < 100 % serving.size() ? 1 : 0);
    }

    private static long millis(Instant start, Instant at) {
        return Math.max(0, Duration.between(start, at).toMillis());
    }

    private static JsonNode json(String text) {
        try {
            return text == null ? JSON.missingNode() : JSON.readTree(text);
        } catch (java.io.IOException e) {
            return JSON.missingNode();
        }
    }
}
