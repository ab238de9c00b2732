package dev.crossfade.infra.workflow;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Collection;
import java.util.List;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;
import software.constructs.IConstruct;

/** The workflow's cdk-nag suppressions, each on the one resource concerned and with its reason. */
final class WorkflowNag {

    private WorkflowNag() {}

    static void suppress(Construct scope, StateMachine stateMachine, Collection<Function> functions, FailoverWorkflow.Props props) {
        for (Function function : functions) {
            add(function, "AwsSolutions-L1", "The handlers are compiled for Java 21 (--release 21) and java21 is the "
                    + "runtime they are built and tested for; a newer runtime is a deliberate upgrade, not a default.", List.of());
            add(function.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5", "Resource '*' only where the API has "
                    + "no resource-level permissions: xray:PutTraceSegments/PutTelemetryRecords (tracing), "
                    + "cloudwatch:GetMetricData, and cloudwatch:PutMetricData held to one namespace by a cloudwatch:namespace condition.",
                    List.of("Resource::*"));
        }
        props.acceleratorArn().ifPresent(arn -> add(functionNamed(functions, "PinTraffic").getRole().getNode().findChild("DefaultPolicy"),
                "AwsSolutions-IAM5", "The listeners and endpoint groups of this one accelerator: their ARNs are "
                        + "created by the global stack and only their accelerator prefix is known here.",
                List.of("Resource::" + arn + "/*")));
        List<String> aliasKeys = props.targets().stream().map(t -> t.resources().dbKmsKeyId())
                .filter(k -> k != null && k.contains(":alias/"))
                .map(k -> "Resource::" + WorkflowPermissions.keysOf(k.split(":")[3], k.split(":")[4])).distinct().toList();
        if (!aliasKeys.isEmpty()) {
            // failback (RebuildReplication) and the rebuild of the other replicas after a failover (RebuildReplicas)
            for (String step : List.of("RebuildReplication", "RebuildReplicas")) {
                functions.stream().filter(f -> f.getNode().getId().equals(step)).findFirst().ifPresent(f ->
                        add(f.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5",
                                "A rebuilt replica's key of each region is known by alias only: the key wildcard is scoped to that "
                                        + "region and account and narrowed by the kms:ResourceAliases condition.", aliasKeys));
            }
        }
        add(stateMachine.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5", "Resource '*' only for the "
                + "actions without resource-level permissions that CDK adds for logging (logs:*LogDelivery*, "
                + "DescribeLogGroups, DescribeResourcePolicies, PutResourcePolicy) and X-Ray tracing.", List.of("Resource::*"));
    }

    private static Function functionNamed(Collection<Function> functions, String key) {
        return functions.stream().filter(f -> f.getNode().getId().equals(key)).findFirst().orElseThrow();
    }

    private static void add(IConstruct construct, String rule, String reason, List<String> appliesTo) {
        IConstruct resource = construct.getNode().getDefaultChild() != null ? construct.getNode().getDefaultChild() : construct;
        NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
        if (!appliesTo.isEmpty()) {
            suppression.appliesTo(List.copyOf(appliesTo));
        }
        NagSuppressions.addResourceSuppressions(resource, List.of(suppression.build()), false);
    }
}
