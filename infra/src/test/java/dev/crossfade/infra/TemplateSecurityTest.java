package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.infra.testutils.TemplateScan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scans every template of the full app for all examples and the three-region test topology: no
 * literal password, and no Allow on Resource "*" except the actions listed in docs/data.md
 * ("Resource: *") and docs/workflow.md ("Permissions"), each of which has no resource-level
 * permission or is written by CDK.
 */
class TemplateSecurityTest {

    /** Actions allowed on "*" and where they come from (docs/data.md lists the same). */
    static final Map<String, String> ALLOWED_ON_STAR = Map.ofEntries(
            Map.entry("logs:CreateLogDelivery", "Global Accelerator flow logs: vended-log delivery"),
            Map.entry("logs:DeleteLogDelivery", "Global Accelerator flow logs: vended-log delivery"),
            Map.entry("ecs:DiscoverPollEndpoint", "ECS agent policy written by CDK"),
            Map.entry("ecr:GetAuthorizationToken", "ECS agent policy written by CDK"),
            Map.entry("logs:CreateLogStream", "ECS agent policy written by CDK"),
            Map.entry("logs:PutLogEvents", "ECS agent policy written by CDK"),
            Map.entry("ecs:Poll", "ECS agent policy written by CDK, conditioned on the cluster"),
            Map.entry("ecs:StartTelemetrySession", "ECS agent policy written by CDK, conditioned on the cluster"),
            Map.entry("s3:ListAllMyBuckets", "Synthetics canary role written by CDK"),
            Map.entry("cloudwatch:PutMetricData", "canary, workflow steps and writer guard, conditioned on their namespace"),
            Map.entry("cloudwatch:GetMetricStatistics", "detector: replica lag, no resource-level permission"),
            Map.entry("cloudwatch:DescribeAlarms", "detector: the app's alarms, read by name prefix"),
            Map.entry("cloudwatch:GetMetricData", "workflow steps and writer guard: replica lag and routing control, no resource-level permission"),
            Map.entry("xray:PutTraceSegments", "detector, workflow functions and state machine: X-Ray tracing, written by CDK"),
            Map.entry("xray:PutTelemetryRecords", "detector, workflow functions and state machine: X-Ray tracing, written by CDK"),
            Map.entry("xray:GetSamplingRules", "workflow state machine: X-Ray tracing, written by CDK"),
            Map.entry("xray:GetSamplingTargets", "workflow state machine: X-Ray tracing, written by CDK"),
            Map.entry("logs:GetLogDelivery", "workflow state machine: vended-log delivery, written by CDK"),
            Map.entry("logs:UpdateLogDelivery", "workflow state machine: vended-log delivery, written by CDK"),
            Map.entry("logs:ListLogDeliveries", "workflow state machine: vended-log delivery, written by CDK"),
            Map.entry("logs:PutResourcePolicy", "workflow state machine: vended-log delivery, written by CDK"),
            Map.entry("logs:DescribeResourcePolicies", "workflow state machine: vended-log delivery, written by CDK"),
            Map.entry("logs:DescribeLogGroups", "workflow state machine: vended-log delivery, written by CDK"));

    private static List<SynthesizedApp> apps() {
        return List.of(Apps.seed(), Apps.latency(), Apps.geo(), Apps.threeRegionsRds());
    }

    @Test
    void everyTemplate_shouldHoldNoLiteralPassword() {
        List<String> literals = new ArrayList<>();
        int databases = 0;
        for (SynthesizedApp app : apps()) {
            for (var entry : app.templates().entrySet()) {
                literals.addAll(TemplateScan.literalPasswords(entry.getKey(), entry.getValue()));
                databases += String.valueOf(entry.getValue()).contains("MasterUserPassword") ? 1 : 0;
            }
        }

        assertTrue(databases >= 3, "expected the RDS and Aurora primaries to set a master password by reference");
        assertEquals(List.of(), literals);
    }

    @Test
    void iamStatements_shouldNotUseResourceStarExceptTheDocumentedActions() {
        List<TemplateScan.Statement> offending = new ArrayList<>();
        for (SynthesizedApp app : apps()) {
            for (var entry : app.templates().entrySet()) {
                for (TemplateScan.Statement s : TemplateScan.wildcardStatements(entry.getKey(), entry.getValue())) {
                    List<?> actions = s.actions() instanceof List<?> l ? l : List.of(s.actions());
                    // In a key policy "*" means the key itself; AWS requires that form.
                    boolean keyPolicy = s.type().equals("AWS::KMS::Key");
                    if (!keyPolicy && !ALLOWED_ON_STAR.keySet().containsAll(actions)) {
                        offending.add(s);
                    }
                }
            }
        }

        assertEquals(List.of(), offending);
    }

    @Test
    void scanner_shouldFlagALiteralPasswordAndAStarStatement() {
        Map<String, Object> bad = Map.of("Resources", Map.of(
                "Db", Map.of("Type", "AWS::RDS::DBInstance", "Properties", Map.of("MasterUserPassword", "hunter2")),
                "Policy", Map.of("Type", "AWS::IAM::Policy", "Properties", Map.of("PolicyDocument", Map.of(
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "*")))))));

        assertEquals(List.of("T/Db.MasterUserPassword"), TemplateScan.literalPasswords("T", bad));
        assertEquals(List.of(new TemplateScan.Statement("T", "Policy", "AWS::IAM::Policy", "s3:*", "*")),
                TemplateScan.wildcardStatements("T", bad));
    }
}
