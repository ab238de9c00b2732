package dev.crossfade.infra.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.env.RegionTargets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Template;

class WorkflowDashboardTest {

    private static final List<WorkflowTarget> TARGETS = List.of(
            new WorkflowTarget("us-east-1", new RegionTargets(1, 3, "shop-prod-us-east-1-db", null, null, "pg1", "c1", "s1",
                    "shop-prod-us-east-1-health", null, "arn:aws:kms:us-east-1:123456789012:key/k1")),
            new WorkflowTarget("eu-west-1", new RegionTargets(2, 2, "shop-prod-eu-west-1-db", null, null, "pg2", "c2", "s2",
                    "shop-prod-eu-west-1-health", null, "arn:aws:kms:eu-west-1:123456789012:key/k2")));

    @Test
    void dashboard_shouldShowHealthLagTrafficWriterAndRunsForEveryRegion() {
        Stack stack = new Stack(new App(), "Dash", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("us-east-1").build()).build());
        new WorkflowDashboard(stack, "Dashboard", new WorkflowDashboard.Props("shop-prod", "rds-postgres", TARGETS, "us-east-1",
                Optional.of("abcd-1234")));
        Capture body = new Capture();

        Template.fromStack(stack).hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of(
                "DashboardName", "shop-prod-failover", "DashboardBody", body));

        String json = body.asObject().toString() + body.toString();
        for (String expected : List.of("shop-prod-us-east-1-health", "shop-prod-eu-west-1-health", "ReplicaLag", "shop-prod-eu-west-1-db",
                "RoutingControl", "NewFlowCount", "abcd-1234", "Writer", "PhaseDuration", "traffic-shift", "Runs", "ABORTED")) {
            assertTrue(json.contains(expected), expected + " not on the dashboard: " + json);
        }
    }
}
