package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.cli.BadInputException;
import dev.crossfade.topology.Topology;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;

/** The workflow's latest executions in every enabled region (ListExecutions, newest first). */
public final class StatusReport {

    public static final int LATEST = 5;

    /** One execution as status shows it; {@code currentState} only while it runs. */
    public record Execution(String name, String executionArn, String status, Instant startDate, Instant stopDate,
                            String mode, String from, String to, String currentState, String error, String cause) {}

    /** One region: its workflow's ARN and latest executions, or why it could not be read. */
    public record RegionStatus(String region, String stateMachineArn, List<Execution> executions, String error) {}

    private final Topology topology;
    private final SfnClients sfn;

    public StatusReport(Topology topology, SfnClients sfn) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
    }

    /** Every enabled region, by priority; a region without the workflow is listed with its error. */
    public List<RegionStatus> read() {
        List<RegionStatus> regions = new ArrayList<>();
        StateMachines machines = new StateMachines(topology, sfn);
        for (Topology.Region region : topology.enabledRegions()) {
            try {
                String arn = machines.arn(region.name());
                regions.add(new RegionStatus(region.name(), arn, latest(sfn.in(region.name()), arn), null));
            } catch (BadInputException e) {
                regions.add(new RegionStatus(region.name(), null, List.of(), e.getMessage()));
            }
        }
        return regions;
    }

    private static List<Execution> latest(SfnClient client, String arn) {
        List<ExecutionListItem> items = AccountCalls.call("list the executions of " + arn, () -> client.listExecutions(
                ListExecutionsRequest.builder().stateMachineArn(arn).maxResults(LATEST).build()).executions());
        return items.stream().sorted(Comparator.comparing(ExecutionListItem::startDate).reversed()).limit(LATEST)
                .map(item -> execution(client, item)).toList();
    }

    private static Execution execution(SfnClient client, ExecutionListItem item) {
        DescribeExecutionResponse d = AccountCalls.call("describe " + item.executionArn(), () -> client.describeExecution(
                DescribeExecutionRequest.builder().executionArn(item.executionArn()).build()));
        JsonNode input = input(d.input());
        String current = item.status() == ExecutionStatus.RUNNING ? currentState(client, item.executionArn()).orElse(null) : null;
        // the same names as failover's result: a run a guard stopped safely is ABORTED, not FAILED
        String status = item.status() == ExecutionStatus.FAILED
                && RunTimeline.stoppedSafely(new ExecutionFollower.Followed(d, history(client, item.executionArn()), false))
                ? "ABORTED" : item.statusAsString();
        return new Execution(item.name(), item.executionArn(), status, item.startDate(), item.stopDate(),
                text(input, "mode"), text(input, "from"), text(input, "to"), current, d.error(), d.cause());
    }

    private static List<HistoryEvent> history(SfnClient client, String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        AccountCalls.call("read the history of " + executionArn, () -> {
            client.getExecutionHistoryPaginator(GetExecutionHistoryRequest.builder().executionArn(executionArn).build())
                    .events().forEach(events::add);
            return events;
        });
        return events;
    }

    /** The state entered last; a state exits and its successor enters in the same instant. */
    private static Optional<String> currentState(SfnClient client, String executionArn) {
        List<HistoryEvent> events = history(client, executionArn);
        return events.stream().filter(e -> e.stateEnteredEventDetails() != null && e.typeAsString().endsWith("StateEntered"))
                .max(Comparator.comparingLong(HistoryEvent::id)).map(e -> e.stateEnteredEventDetails().name());
    }

    public static ObjectNode toJson(String topology, List<RegionStatus> regions) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("topology", topology);
        var array = root.putArray("regions");
        for (RegionStatus r : regions) {
            ObjectNode o = array.addObject().put("region", r.region()).put("stateMachineArn", r.stateMachineArn());
            var executions = o.putArray("executions");
            for (Execution e : r.executions()) {
                executions.addObject().put("name", e.name()).put("executionArn", e.executionArn()).put("status", e.status())
                        .put("startDate", string(e.startDate())).put("stopDate", string(e.stopDate()))
                        .put("mode", e.mode()).put("from", e.from()).put("to", e.to())
                        .put("currentState", e.currentState()).put("error", e.error()).put("cause", e.cause());
            }
            o.put("error", r.error());
        }
        return root;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static JsonNode input(String json) {
        try {
            return new ObjectMapper().readTree(json == null ? "{}" : json);
        } catch (java.io.IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }
}
