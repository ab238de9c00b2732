package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.BadInputException;
import dev.crossfade.cli.drill.DrillClock;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.cli.drill.TimelinePrinter;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryRequest;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.ListExecutionsRequest;

/**
 * {@code crossfade report}: a past run rebuilt from its execution history (the same timeline and
 * report as when it was followed) and its run record (the item RecordRun wrote in the region's
 * state table: approval, fencing gaps, error).
 */
public final class PastRun {

    private final Topology topology;
    private final SfnClients sfn;
    private final PrintWriter out;

    public PastRun(Topology topology, SfnClients sfn, PrintWriter out) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.sfn = Objects.requireNonNull(sfn, "sfn");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** The execution named (name or ARN), else the latest one that ended, in any enabled region. */
    public ExecutionListItem find(Optional<String> execution) {
        List<ExecutionListItem> all = new ArrayList<>();
        StateMachines machines = new StateMachines(topology, sfn);
        List<String> missing = new ArrayList<>();
        for (Topology.Region region : topology.enabledRegions()) {
            String arn;
            try {
                arn = machines.arn(region.name());
            } catch (BadInputException notDeployed) {
                missing.add(region.name());
                continue;
            }
            all.addAll(AccountCalls.call("list the executions in " + region.name(), () -> sfn.in(region.name())
                    .listExecutionsPaginator(ListExecutionsRequest.builder().stateMachineArn(arn).build()).executions().stream().toList()));
        }
        if (execution.isPresent()) {
            return all.stream().filter(e -> e.name().equals(execution.get()) || e.executionArn().equals(execution.get()))
                    .max(Comparator.comparing(ExecutionListItem::startDate))
                    .orElseThrow(() -> new BadInputException("no execution '" + execution.get() + "' of " + topology.name()
                            + "-failover in " + topology.enabledRegions().stream().map(Topology.Region::name).toList()
                            + (missing.isEmpty() ? "" : " (workflow not deployed in " + missing + ")") + " (see `crossfade status`)"));
        }
        return all.stream().filter(e -> e.status() != ExecutionStatus.RUNNING).max(Comparator.comparing(ExecutionListItem::startDate))
                .orElseThrow(() -> new BadInputException("no finished run of " + topology.name() + " to report on"
                        + (missing.isEmpty() ? "" : " (workflow not deployed in " + missing + ")")));
    }

    /** The run rebuilt: progress lines replayed from the history, the timeline, and the report. */
    public Rebuilt rebuild(ExecutionListItem item, java.nio.file.Path topologyFile, AwsCredentialsProvider credentials,
                           Optional<java.net.URI> endpoint) {
        String region = item.executionArn().split(":")[3];
        var client = sfn.in(region);
        DescribeExecutionResponse execution = AccountCalls.call("describe " + item.executionArn(),
                () -> client.describeExecution(DescribeExecutionRequest.builder().executionArn(item.executionArn()).build()));
        List<HistoryEvent> history = AccountCalls.call("read the history of " + item.executionArn(), () -> client
                .getExecutionHistoryPaginator(GetExecutionHistoryRequest.builder().executionArn(item.executionArn()).maxResults(1000).build())
                .events().stream().toList());
        JsonNode input = read(execution.input());
        RunRequest request = new RunRequest(WorkflowMode.of(input.path("mode").asText("failover")), input.path("from").asText("?"),
                input.path("to").asText("?"), input.path("reason").asText(""), item.name());
        TimelinePrinter printer = new TimelinePrinter(out, DrillClock.startNow(TimeScale.REAL_TIME));
        out.printf("Run %s of %s in %s, started %s: %s %s -> %s%n", item.name(), topology.name(), region, execution.startDate(),
                request.mode().key(), request.from(), request.to());
        ProgressLines lines = null;
        for (HistoryEvent event : history) {
            if (lines == null) {
                lines = new ProgressLines(printer, event.timestamp());
            }
            lines.accept(event);
        }
        ExecutionFollower.Followed followed = new ExecutionFollower.Followed(execution, history, execution.status() == ExecutionStatus.RUNNING);
        DrillReport report = RunTimeline.report(topology, request, followed, printer.events());
        printer.summary(report);
        Optional<JsonNode> record = runRecord(region, item.executionArn(), credentials, endpoint);
        out.printf("%nResult: %s%s%n", execution.status() == ExecutionStatus.RUNNING ? "RUNNING (report so far)" : report.result(),
                execution.error() == null ? "" : " (" + execution.error() + (execution.cause() == null ? "" : ": " + execution.cause()) + ")");
        record.ifPresentOrElse(r -> {
            JsonNode approval = r.path("approval");
            if (approval.isObject()) {
                out.printf("Approved by %s: %s%n", approval.path("approvedBy").asText("?"), approval.path("reason").asText(""));
            }
            r.path("fencingGaps").forEach(gap -> out.printf("Fencing gap: %s%n", gap.asText()));
        }, () -> out.println("(no run record found in " + region + ")"));
        out.flush();
        return new Rebuilt(report, RunReport.mutations(topology, request, history),
                new RunReport.RunFacts(item.name(), item.executionArn(), region, execution.startDate(), topologyFile), record);
    }

    /** A rebuilt run: its report, its mutations by step, what names it, and its run record if found. */
    public record Rebuilt(DrillReport report, List<RunReport.StepMutation> mutations, RunReport.RunFacts facts,
                          Optional<JsonNode> runRecord) {}

    /** The item {@code run#<application>#<executionArn>} of the region's state table; absent if unreadable. */
    private Optional<JsonNode> runRecord(String region, String executionArn, AwsCredentialsProvider credentials,
                                         Optional<java.net.URI> endpoint) {
        var builder = DynamoDbClient.builder().region(Region.of(region)).credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create());
        endpoint.ifPresent(builder::endpointOverride);
        try (DynamoDbClient dynamo = builder.build()) {
            Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(topology.name() + "-failover-state")
                    .key(Map.of("pk", AttributeValue.fromS("run#" + topology.name() + "#" + executionArn)))).item();
            return item == null || !item.containsKey("record") ? Optional.empty() : Optional.of(read(item.get("record").s()));
        } catch (SdkException e) {
            out.println("(run record unreadable in " + region + ": " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }
}
