package dev.crossfade.infra.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;

/**
 * One dashboard per application, by region: health signals, replica lag, traffic (routing
 * controls and Global Accelerator flows per endpoint group), the current writer, and the last
 * runs with their phase durations (the metrics the workflow's RecordRun step publishes).
 */
public final class WorkflowDashboard extends Construct {

    private static final List<String> PHASES = List.of("detection", "decision", "fencing", "promotion", "traffic-shift", "verification");

    private final Dashboard dashboard;

    public WorkflowDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        String account = Stack.of(this).getAccount();
        List<IWidget> row1 = new ArrayList<>();
        row1.add(TextWidget.Builder.create().markdown("# " + props.application() + " failover\n"
                + "Workflow: `" + props.application() + "-failover` in each region. See docs/workflow.md.").width(6).height(6).build());
        row1.add(AlarmStatusWidget.Builder.create().title("Health by region").width(6).height(6)
                .alarms(props.targets().stream().map(t -> alarm(t, account)).toList()).build());
        // a run publishes its metrics in the region it activated: read each region's
        row1.add(SingleValueWidget.Builder.create().title("Writer (1 = writer, per reporting region)").width(12).height(6)
                .metrics(props.targets().stream().flatMap(reporter -> props.targets().stream().map(t -> metric(
                        WorkflowPermissions.RUN_NAMESPACE, "Writer", Map.of("Application", props.application(), "Region", t.region()),
                        "Maximum", reporter.region()))).toList())
                .build());
        List<IWidget> row2 = List.of(
                graph("Replica lag (s)", perRegion(props, t -> lag(props, t)), 8),
                graph("Routing control (1 = takes traffic)", perRegion(props, t -> metric(WorkflowPermissions.ROUTING_NAMESPACE,
                        "RoutingControl", Map.of("Application", props.application(), "Region", t.region()), "Maximum", t.region())), 8),
                graph("Accelerator new flows by endpoint group", props.acceleratorId().map(accelerator -> perRegion(props, t ->
                        metric("AWS/GlobalAccelerator", "NewFlowCount", Map.of("Accelerator", accelerator, "EndpointGroup", t.region()),
                                "Sum", "us-west-2"))).orElse(List.of()), 8));
        List<IWidget> row3 = List.of(
                graph("Last runs: phase durations (ms)", props.targets().stream().flatMap(t -> PHASES.stream().map(phase -> metric(
                        WorkflowPermissions.RUN_NAMESPACE, "PhaseDuration", Map.of("Application", props.application(), "Phase", phase),
                        "Maximum", t.region()))).toList(), 12),
                graph("Runs by outcome", props.targets().stream().flatMap(t -> List.of("SUCCEEDED", "ABORTED", "FAILED").stream()
                        .map(status -> metric(WorkflowPermissions.RUN_NAMESPACE, "Runs",
                                Map.of("Application", props.application(), "Status", status), "Sum", t.region()))).toList(), 12));
        dashboard = Dashboard.Builder.create(this, "Dashboard").dashboardName(props.application() + "-failover")
                .widgets(List.of(row1, row2, row3)).build();
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    private IAlarm alarm(WorkflowTarget t, String account) {
        return Alarm.fromAlarmArn(this, "Health-" + t.region(),
                "arn:aws:cloudwatch:" + t.region() + ":" + account + ":alarm:" + t.resources().healthAlarm());
    }

    private static IMetric lag(Props props, WorkflowTarget t) {
        if ("rds-postgres".equals(props.engine())) {
            return metric("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", t.resources().dbInstanceId()), "Maximum", t.region());
        }
        return metric("AWS/RDS", "AuroraGlobalDBReplicationLag", Map.of("DBClusterIdentifier", t.resources().dbClusterId()), "Maximum", t.region());
    }

    private static List<IMetric> perRegion(Props props, java.util.function.Function<WorkflowTarget, IMetric> metric) {
        return props.targets().stream().map(metric).toList();
    }

    private static IMetric metric(String namespace, String name, Map<String, String> dimensions, String statistic, String region) {
        // sorted: Map.of's iteration order changes from one JVM to the next, and so would the dashboard body
        Map<String, String> sorted = new TreeMap<>(dimensions);
        return Metric.Builder.create().namespace(namespace).metricName(name).dimensionsMap(sorted).statistic(statistic)
                .period(Duration.minutes(1)).region(region).label(region + " " + String.join(",", sorted.values())).build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics, int width) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(width).height(6).build();
    }

    /**
     * @param homeRegion   the region of the stack holding the dashboard
     * @param acceleratorId the accelerator's id (last part of its ARN), if Global Accelerator is on
     */
    public record Props(String application, String engine, List<WorkflowTarget> targets, String homeRegion, Optional<String> acceleratorId) {
        public Props {
            Objects.requireNonNull(application, "application");
            Objects.requireNonNull(homeRegion, "homeRegion");
            targets = List.copyOf(targets);
            acceleratorId = acceleratorId == null ? Optional.empty() : acceleratorId;
        }
    }
}
