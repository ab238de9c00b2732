package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReportJson;
import dev.crossfade.cli.drill.HtmlReport;
import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.plan.PlanContext;
import dev.crossfade.functions.workflow.plan.PlanStep;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * The drill report of a run in an account: the same JSON and HTML as the local drill's, plus what
 * names the run (its start, the topology file, the execution and its region) and, for each
 * mutating call, the workflow step that made it. Written by {@code crossfade report} and by
 * {@code drill}/{@code failover}/{@code failback --report/--html}.
 *
 * <p>Mutations come from the execution history: each Task state that succeeded contributes the
 * mutating calls the workflow's step model ({@link FailoverPlan}, the one behind {@code crossfade
 * plan}) documents for it. A best-effort action that was skipped inside a step is not visible in
 * the history; the run record's {@code fencingGaps} names those.
 */
public final class RunReport {

    /** The step model's phases, and for the lock the API, mapped to the states that make those calls. */
    private static final Map<String, List<String>> STATES_OF_PHASE = Map.of(
            "replication", List.of("RebuildReplication"),
            "approval", List.of("AwaitApproval"),
            "capacity", List.of("ScaleTarget"),
            "fencing", List.of("FenceOldPrimary"),
            "promotion", List.of("PromoteDatabase"),
            "traffic-shift", List.of("ShiftTraffic"),
            "pinning", List.of("PinTraffic"),
            "record", List.of("RecordSuccess", "RecordStop"));

    /** A mutating call and the state (step) of the workflow that made it. */
    public record StepMutation(String service, String action, String region, String step) {}

    /** What names the run. */
    public record RunFacts(String executionName, String executionArn, String region, Instant startedAt, Path topologyFile) {}

    private RunReport() {}

    /** The run's mutations, in the order their steps succeeded. */
    public static List<StepMutation> mutations(Topology topology, RunRequest request, List<HistoryEvent> history) {
        if (request.mode() == WorkflowMode.DRY_RUN) {
            return List.of();
        }
        List<PlanStep> plan = FailoverPlan.of(PlanContext.of(topology), request.from(), request.to(), request.mode()).mutatingSteps();
        List<StepMutation> mutations = new ArrayList<>();
        Set<String> done = new HashSet<>();
        String current = null;
        for (HistoryEvent e : history.stream().sorted(Comparator.comparingLong(HistoryEvent::id)).toList()) {
            if (e.stateEnteredEventDetails() != null) {
                current = e.stateEnteredEventDetails().name();
            } else if (current != null && succeeded(e) && done.add(current)) {
                for (PlanStep step : plan) {
                    if (statesOf(step).contains(current)) {
                        mutations.add(new StepMutation(step.service(), step.api(), step.region(), current));
                    }
                }
            }
        }
        return mutations;
    }

    private static boolean succeeded(HistoryEvent e) {
        return e.taskSucceededEventDetails() != null || e.lambdaFunctionSucceededEventDetails() != null;
    }

    private static List<String> statesOf(PlanStep step) {
        if (step.phase().equals("lock")) {
            return step.api().equals("DeleteItem") ? List.of("ReleaseLock", "ReleaseLockAfterStop") : List.of("AcquireLock");
        }
        return STATES_OF_PHASE.getOrDefault(step.phase(), List.of());
    }

    /** The report JSON: the drill report's fields, each mutation with its {@code step}, and the run's names. */
    public static ObjectNode json(DrillReport report, RunFacts facts, List<StepMutation> mutations, Optional<JsonNode> runRecord) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode node;
        try {
            node = (ObjectNode) mapper.readTree(DrillReportJson.toJson(report));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ArrayNode array = node.putArray("mutations");
        mutations.forEach(m -> array.addObject().put("service", m.service()).put("action", m.action()).put("region", m.region())
                .put("step", m.step()));
        node.put("startedAt", facts.startedAt().toString());
        node.put("executionName", facts.executionName());
        node.put("executionArn", facts.executionArn());
        node.put("region", facts.region());
        node.put("topologyFile", facts.topologyFile().toString());
        runRecord.ifPresent(r -> node.set("runRecord", r));
        return node;
    }

    /** Writes the JSON and/or HTML report; returns the lines to print about them. */
    public static List<String> write(DrillReport report, RunFacts facts, List<StepMutation> mutations, Optional<JsonNode> runRecord,
                                     Optional<Path> json, Optional<Path> html) {
        List<String> written = new ArrayList<>();
        try {
            if (json.isPresent()) {
                createParent(json.get());
                Files.writeString(json.get(), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(json(report, facts, mutations, runRecord)) + System.lineSeparator());
                written.add("report: " + json.get().toAbsolutePath());
            }
            if (html.isPresent()) {
                createParent(html.get());
                Files.writeString(html.get(), html(report, facts, mutations));
                written.add("html:   " + html.get().toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report: " + e.getMessage(), e);
        }
        return written;
    }

    /** The local drill's page, with a section that names the run and the step of each mutation. */
    static String html(DrillReport report, RunFacts facts, List<StepMutation> mutations) {
        StringBuilder s = new StringBuilder("<h2>Run</h2>\n<table class=\"run\">\n");
        row(s, "execution", facts.executionName());
        row(s, "execution ARN", facts.executionArn());
        row(s, "region", facts.region());
        row(s, "started at", facts.startedAt().toString());
        row(s, "topology file", facts.topologyFile().toString());
        s.append("</table>\n<h2>Mutations by step</h2>\n<table class=\"steps\">\n<tr><th>#</th><th>step</th><th>service</th>"
                + "<th>action</th><th>region</th></tr>\n");
        for (int i = 0; i < mutations.size(); i++) {
            StepMutation m = mutations.get(i);
            s.append("<tr><td>").append(i + 1).append("</td><td>").append(esc(m.step())).append("</td><td>").append(esc(m.service()))
                    .append("</td><td>").append(esc(m.action())).append("</td><td>").append(esc(m.region())).append("</td></tr>\n");
        }
        s.append("</table>\n");
        String page = HtmlReport.render(report);
        int end = page.lastIndexOf("</body>");
        return page.substring(0, end) + s + page.substring(end);
    }

    private static void row(StringBuilder s, String name, String value) {
        s.append("<tr><th>").append(esc(name)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String esc(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
