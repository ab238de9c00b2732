package dev.crossfade.functions.workflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.run.RunRecord;
import dev.crossfade.functions.workflow.run.RunRecorder;
import dev.crossfade.functions.workflow.state.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The run's metrics for the dashboard are embedded-metric-format lines (RunRecorder), with the dashboard's names and dimensions. */
class RunRecorderMetricsTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:02:00Z");

    @Test
    void succeededRun_shouldGivePhaseDurationsTheOutcomeAndBothWriters() {
        RunRecord run = RunRecord.of("shop-prod", "arn:x", "SUCCEEDED", null, Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1",
                 "fencing":{"startedAt":"2026-11-22T10:01:31Z","endedAt":"2026-11-22T10:01:32.500Z"}}"""));

        List<JsonValue> lines = RunRecorder.metricLines("shop-prod", run, AT).stream().map(Json::tree).toList();

        assertEquals(List.of(
                "PhaseDuration {Application=shop-prod, Phase=fencing} 1500.0 Milliseconds",
                "Runs {Application=shop-prod, Status=SUCCEEDED} 1.0 Count",
                "Writer {Application=shop-prod, Region=eu-west-1} 1.0 Count",
                "Writer {Application=shop-prod, Region=us-east-1} 0.0 Count"), lines.stream().map(RunRecorderMetricsTest::describe).toList());
        lines.forEach(l -> {
            assertEquals(WorkflowConfig.RUN_NAMESPACE, l.path("_aws").path("CloudWatchMetrics").elements().getFirst().path("Namespace").asText());
            assertEquals(AT.toEpochMilli(), l.path("_aws").path("Timestamp").asLong());
        });
    }

    @Test
    void abortedRun_shouldNameNoWriter() {
        RunRecord run = RunRecord.of("shop-prod", "arn:x", "ABORTED", null, Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1"}"""));

        assertEquals(List.of("Runs {Application=shop-prod, Status=ABORTED} 1.0 Count"),
                RunRecorder.metricLines("shop-prod", run, AT).stream().map(Json::tree).map(RunRecorderMetricsTest::describe).toList());
    }

    /** "metric {dimension=value, ...} value unit", read back from the record as CloudWatch would. */
    private static String describe(JsonValue line) {
        JsonValue directive = line.path("_aws").path("CloudWatchMetrics").elements().getFirst();
        Map<String, String> dimensions = new TreeMap<>();
        directive.path("Dimensions").elements().getFirst().elements().forEach(d -> dimensions.put(d.asText(), line.path(d.asText()).asText()));
        JsonValue metric = directive.path("Metrics").elements().getFirst();
        String name = metric.path("Name").asText();
        return name + " " + dimensions + " " + line.path(name).doubleValue() + " " + metric.path("Unit").asText();
    }
}
