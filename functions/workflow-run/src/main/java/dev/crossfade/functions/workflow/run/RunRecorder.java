package dev.crossfade.functions.workflow.run;

import static dev.crossfade.functions.workflow.run.RunServices.EVENTBRIDGE;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.json.EmbeddedMetrics;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leaves the evidence of a run in the region that ran it: an EventBridge event, phase durations,
 * the run's outcome and the writer as metrics for the dashboard, and a run record item. The
 * metrics are embedded-metric-format lines in the step's log (Lambda ships stdout to CloudWatch
 * Logs, which extracts them), not PutMetricData calls: the dashboard's widgets need no metric to
 * exist before a run, and the step needs no CloudWatch permission (docs/workflow.md "Logs and metrics").
 */
public final class RunRecorder extends StepLogic {

    public static final String EVENT_SOURCE = "dev.crossfade.failover";
    public static final String EVENT_DETAIL_TYPE = "Crossfade Failover Run Finished";

    private final String region;
    private final Consumer<String> metricLines;

    /** Metrics to stdout (the Lambda runtime's, at the time of writing). */
    public RunRecorder(AwsClients clients, WorkflowConfig config, String region) {
        this(clients, config, region, line -> System.out.println(line));
    }

    public RunRecorder(AwsClients clients, WorkflowConfig config, String region, Consumer<String> metricLines) {
        super(clients, config);
        this.region = region;
        this.metricLines = metricLines;
    }

    /**
     * The run's metrics in {@code Crossfade/Failover}, one EMF line per dimension set: PhaseDuration
     * by Application and Phase (ms), Runs by Application and Status (1), and after a SUCCEEDED run
     * Writer by Application and Region (1 for the new writer, 0 for the old).
     */
    public static List<String> metricLines(String application, RunRecord run, Instant at) {
        List<String> lines = new ArrayList<>();
        for (RunRecord.Phase phase : run.phases()) {
            lines.add(record(at).dimension("Application", application).dimension("Phase", phase.name())
                    .metric("PhaseDuration", phase.millis(), "Milliseconds").toString());
        }
        lines.add(record(at).dimension("Application", application).dimension("Status", run.status())
                .metric("Runs", 1, "Count").toString());
        if ("SUCCEEDED".equals(run.status()) && run.to() != null) {
            lines.add(record(at).dimension("Application", application).dimension("Region", run.to()).metric("Writer", 1, "Count").toString());
            lines.add(record(at).dimension("Application", application).dimension("Region", run.from()).metric("Writer", 0, "Count").toString());
        }
        return lines;
    }

    private static EmbeddedMetrics record(Instant at) {
        return EmbeddedMetrics.in(WorkflowConfig.RUN_NAMESPACE, at).property("logger", "crossfade.run.metrics");
    }

    public RunRecord record(RunRecord run) {
        AwsCalls.run("PutEvents", () -> {
            var response = clients.get(EVENTBRIDGE, region).putEvents(r -> r.entries(e -> e
                    .eventBusName(config.eventBus()).source(EVENT_SOURCE).detailType(EVENT_DETAIL_TYPE)
                    .detail(Json.write(run))));
            if (response.failedEntryCount() > 0) {
                throw new IllegalStateException("PutEvents rejected the run event: " + response.entries());
            }
        });
        metricLines(config.application(), run, Instant.now()).forEach(metricLines);
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("run#" + config.application() + "#" + run.executionId()));
        item.put("status", AttributeValue.fromS(run.status()));
        item.put("record", AttributeValue.fromS(Json.write(run)));
        AwsCalls.run("PutItem run record", () -> clients.get(DYNAMODB, region).putItem(r -> r.tableName(config.stateTable()).item(item)));
        return run;
    }
}
