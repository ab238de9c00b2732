package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.BadInputException;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;

/**
 * Finds the runs that wait for a person: running executions of the workflow whose last state
 * entered is {@code AwaitApproval}. The task token and what is at stake come from that state's
 * {@code TaskScheduled} event, whose parameters hold the resolved payload the workflow gave
 * RequestApproval ({@code taskToken}, {@code lagSeconds}, {@code rpoBudgetSeconds}, regions, incident).
 */
public final class WaitingRuns {

    static final String APPROVAL_STATE = "AwaitApproval";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run waiting for a person, with what an answer needs and what it decides. */
    public record Waiting(String region, String executionArn, String name, String taskToken, String mode, String from,
                          String to, String incidentId, Double lagSeconds, Integer rpoBudgetSeconds, Instant since,
                          Long timeoutSeconds) {

        /** When the wait ends by itself (refused), if the history says how long it is. */
        public Optional<Instant> deadline() {
            return timeoutSeconds == null ? Optional.empty() : Optional.of(since.plusSeconds(timeoutSeconds));
        }
    }

    private final Topology topology;
    private final SfnClients sfn;

    public WaitingRuns(Topology topology, SfnClients sfn) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
    }

    /** Every waiting run in every enabled region (a region without the workflow is skipped). */
    public List<Waiting> find() {
        List<Waiting> waiting = new ArrayList<>();
        StateMachines machines = new StateMachines(topology, sfn);
        for (Topology.Region region : topology.enabledRegions()) {
            String arn;
            try {
                arn = machines.arn(region.name());
            } catch (BadInputException notDeployed) {
                continue;
            }
            SfnClient client = sfn.in(region.name());
            List<ExecutionListItem> running = AccountCalls.call("list the running executions in " + region.name(), () -> client
                    .listExecutionsPaginator(ListExecutionsRequest.builder().stateMachineArn(arn).statusFilter(ExecutionStatus.RUNNING).build())
                    .executions().stream().toList());
            for (ExecutionListItem item : running) {
                waiting(region.name(), item, history(client, item.executionArn())).ifPresent(waiting::add);
            }
        }
        waiting.sort(Comparator.comparing(Waiting::since));
        return waiting;
    }

    /**
     * The one run to answer: {@code run} (an execution name or ARN) if given, else the only waiting
     * run. None, several without {@code --run}, or a run that does not wait is bad input naming what waits.
     */
    public Waiting choose(Optional<String> run) {
        List<Waiting> waiting = find();
        if (run.isPresent()) {
            return waiting.stream().filter(w -> w.name().equals(run.get()) || w.executionArn().equals(run.get())).findFirst()
                    .orElseThrow(() -> new BadInputException("run '" + run.get() + "' does not wait for a person in any enabled region of "
                            + topology.name() + (waiting.isEmpty() ? " (no run waits)" : "; waiting: " + names(waiting))
                            + " (see `crossfade status`)"));
        }
        if (waiting.isEmpty()) {
            throw new BadInputException("no run of " + topology.name() + " waits for a person (see `crossfade status`)");
        }
        if (waiting.size() > 1) {
            throw new BadInputException(waiting.size() + " runs wait for a person: " + names(waiting) + "; name one with --run");
        }
        return waiting.get(0);
    }

    private static String names(List<Waiting> waiting) {
        return String.join(", ", waiting.stream().map(w -> w.name() + " (" + w.region() + ")").toList());
    }

    /** Waiting if the last state entered is AwaitApproval and its task was scheduled with a token. */
    static Optional<Waiting> waiting(String region, ExecutionListItem item, List<HistoryEvent> history) {
        Optional<HistoryEvent> lastEntered = history.stream().filter(e -> e.stateEnteredEventDetails() != null)
                .max(Comparator.comparingLong(HistoryEvent::id));
        if (lastEntered.isEmpty() || !APPROVAL_STATE.equals(lastEntered.get().stateEnteredEventDetails().name())) {
            return Optional.empty();
        }
        long enteredId = lastEntered.get().id();
        boolean exited = history.stream().anyMatch(e -> e.id() > enteredId && e.stateExitedEventDetails() != null);
        Optional<HistoryEvent> scheduled = history.stream()
                .filter(e -> e.id() > enteredId && e.taskScheduledEventDetails() != null).findFirst();
        if (exited || scheduled.isEmpty()) {
            return Optional.empty();
        }
        JsonNode payload = read(scheduled.get().taskScheduledEventDetails().parameters()).path("Payload");
        String token = payload.path("taskToken").asText(null);
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Waiting(region, item.executionArn(), item.name(), token, text(payload, "mode"), text(payload, "from"),
                text(payload, "to"), text(payload, "incidentId"),
                payload.path("lagSeconds").isNumber() ? payload.path("lagSeconds").asDouble() : null,
                payload.path("rpoBudgetSeconds").isNumber() ? payload.path("rpoBudgetSeconds").asInt() : null,
                lastEntered.get().timestamp(), scheduled.get().taskScheduledEventDetails().timeoutInSeconds()));
    }

    private static List<HistoryEvent> history(SfnClient client, String executionArn) {
        return AccountCalls.call("read the history of " + executionArn, () -> client.getExecutionHistoryPaginator(
                GetExecutionHistoryRequest.builder().executionArn(executionArn).maxResults(1000).build()).events().stream().toList());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
