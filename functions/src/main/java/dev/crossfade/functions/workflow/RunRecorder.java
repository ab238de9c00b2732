package dev.crossfade.functions.workflow;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Leaves the evidence of a run in the region that ran it: an EventBridge event, phase durations
 * and the writer as CloudWatch metrics (for the dashboard), and a run record item.
 */
public final class RunRecorder {

    public static final String EVENT_SOURCE = "dev.crossfade.failover";
    public static final String EVENT_DETAIL_TYPE = "Crossfade Failover Run Finished";

    private final AwsClients clients;
    private final WorkflowConfig config;
    private final String region;

    public RunRecorder(AwsClients clients, WorkflowConfig config, String region) {
        this.clients = clients;
        this.config = config;
        this.region = region;
    }

    public RunRecord record(RunRecord run) {
        AwsCalls.run("PutEvents", () -> {
            var response = clients.eventBridge(region).putEvents(r -> r.entries(e -> e
                    .eventBusName(config.eventBus()).source(EVENT_SOURCE).detailType(EVENT_DETAIL_TYPE)
                    .detail(Json.write(run))));
            if (response.failedEntryCount() > 0) {
                throw new IllegalStateException("PutEvents rejected the run event: " + response.entries());
            }
        });
        var cloudWatch = clients.cloudWatch(region);
        for (RunRecord.Phase phase : run.phases()) {
            Metrics.put(cloudWatch, WorkflowConfig.RUN_NAMESPACE, "PhaseDuration",
                    Map.of("Application", config.application(), "Phase", phase.name()), phase.millis(), StandardUnit.MILLISECONDS);
        }
        Metrics.put(cloudWatch, WorkflowConfig.RUN_NAMESPACE, "Runs",
                Map.of("Application", config.application(), "Status", run.status()), 1, StandardUnit.COUNT);
        if ("SUCCEEDED".equals(run.status()) && run.to() != null) {
            Metrics.put(cloudWatch, WorkflowConfig.RUN_NAMESPACE, "Writer",
                    Map.of("Application", config.application(), "Region", run.to()), 1, StandardUnit.COUNT);
            Metrics.put(cloudWatch, WorkflowConfig.RUN_NAMESPACE, "Writer",
                    Map.of("Application", config.application(), "Region", run.from()), 0, StandardUnit.COUNT);
        }
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("run#" + config.application() + "#" + run.executionId()));
        item.put("status", AttributeValue.fromS(run.status()));
        item.put("record", AttributeValue.fromS(Json.write(run)));
        AwsCalls.run("PutItem run record", () -> clients.dynamoDb(region).putItem(r -> r.tableName(config.stateTable()).item(item)));
        return run;
    }
}
