package dev.crossfade.infra.detection;

import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;

/** Least privilege for the detector: what docs/detection.md says it calls, and nothing else. */
final class DetectorPermissions {

    /** The detector's metrics namespace: written in embedded metric format to its log, so no PutMetricData grant for it. */
    static final String METRIC_NAMESPACE = "Crossfade/Detector";
    static final String ROUTING_NAMESPACE = "Crossfade/Routing";

    private DetectorPermissions() {}

    static void grant(Function fn, ITable table, Topology t, String account) {
        String region = Stack.of(fn).getRegion();
        table.grantReadWriteData(fn);
        List<String> peers = t.enabledRegions().stream().map(Topology.Region::name).filter(r -> !r.equals(region)).toList();
        if (!peers.isEmpty()) {
            // the failover lock lives in the target region's table
            fn.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of("dynamodb:PutItem"))
                    .resources(peers.stream().map(r -> "arn:aws:dynamodb:" + r + ":" + account + ":table/" + t.name() + "-detector").toList())
                    .build());
        }
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("states:StartExecution"))
                .resources(t.enabledRegions().stream()
                        .map(r -> "arn:aws:states:" + r.name() + ":" + account + ":stateMachine:" + FailoverWorkflow.stateMachineName(t.name())).toList())
                .build());
        // (scheduled ticks) its region's routing control, republished from the desired state
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:PutMetricData"))
                .resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of(ROUTING_NAMESPACE))))
                .build());
        // the routing control's desired state and the run lock, in every enabled region's workflow state table
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:GetItem"))
                .resources(t.enabledRegions().stream().map(r -> "arn:aws:dynamodb:" + r.name() + ":" + account + ":table/"
                        + FailoverWorkflow.stateTableName(t.name())).toList())
                .build());
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("cloudwatch:GetMetricStatistics", "cloudwatch:DescribeAlarms"))
                .resources(List.of("*"))
                .build());
        fn.addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("events:PutEvents"))
                .resources(List.of("arn:aws:events:" + region + ":" + account + ":event-bus/default"))
                .build());
    }
}
