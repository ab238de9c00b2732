package dev.crossfade.infra.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.StackChecks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;

class NotificationsTest {

    private static final String EXISTING = "arn:aws:sns:eu-west-1:123456789012:oncall";

    private App app;
    private Stack stack;
    private Template template;

    @BeforeEach
    void synthesize() {
        app = new App();
        stack = stack(app, "Notify");
        new Notifications(stack, "Notifications", props(stack).build());
        template = Template.fromStack(stack);
    }

    @Test
    void topic_shouldBeKmsEncryptedWithAKeyEventBridgeMayUse() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "TopicName", "shop-prod-notifications",
                "KmsMasterKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("NotificationsKey.*")))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*")))))))));
    }

    @Test
    void topicPolicy_shouldRefuseAnythingButTls() {
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))))));
    }

    @Test
    void emails_shouldBeSubscribed() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
    }

    @Test
    void decisions_shouldBeNotifiedUnlessNone_withTheIncidentId() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("crossfade.detector"), "detail-type", List.of("Failover Decision"),
                        "detail", Map.of("action", List.of(Map.of("anything-but", List.of("NONE"))))),
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of(
                        "InputPathsMap", Match.objectLike(Map.of("detail-incidentId", "$.detail.incidentId", "detail-reason", "$.detail.reason")),
                        "InputTemplate", Match.stringLikeRegexp(".*decision <detail-action> <detail-from> -> <detail-to>, incident <detail-incidentId>.*")))))))));
    }

    @Test
    void runWaitingForAPerson_shouldCarryTheExactApproveCommand() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("dev.crossfade.failover"), "detail-type", List.of("Crossfade Failover Approval Needed")),
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of(
                        "InputTemplate", Match.stringLikeRegexp(".*incident <detail-request-incidentId>.*"
                                + "\\./crossfade approve --topology topologies/shop\\.yaml --run <detail-request-executionId> --reason WHY.*"
                                + "\\./crossfade reject --topology topologies/shop\\.yaml --run <detail-request-executionId>.*within 15 minutes.*")))))))));
    }

    @Test
    void everyRunEnd_shouldBeNotifiedWithResultPhasesAndIncident() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Map.of("source", List.of("dev.crossfade.failover"), "detail-type", List.of("Crossfade Failover Run Finished")),
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of(
                        "InputTemplate", Match.stringLikeRegexp(".*ended <detail-status>, incident <detail-incidentId>.*Phases \\(ms\\): <detail-phases>.*Approval: <detail-approval>.*")))))))));
    }

    @Test
    void detectorErrors_shouldRaiseAnAlarmWhoseAlarmStateIsNotified() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "shop-prod-eu-west-1-detector-errors",
                "MetricName", "Errors", "Namespace", "AWS/Lambda",
                "Dimensions", List.of(Map.of("Name", "FunctionName", "Value", Match.anyValue()))));
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Match.objectLike(Map.of("source", List.of("aws.cloudwatch"),
                        "detail", Map.of("state", Map.of("value", List.of("ALARM"))),
                        "resources", List.of(Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("NotificationsDetectorErrorsAlarm.*"))))))))));
    }

    @Test
    void regionTakenOutOfTraffic_shouldBeNotifiedFromTheRoutingAlarm() {
        template.hasResourceProperties("AWS::Events::Rule", Map.of(
                "EventPattern", Match.objectLike(Map.of("resources", List.of(Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("Routing.*")))))))),
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of("InputTransformer", Match.objectLike(Map.of(
                        "InputTemplate", Match.stringLikeRegexp(".*eu-west-1 was taken out of traffic.*")))))))));
    }

    @Test
    void existingTopics_shouldBeASecondTargetOfEveryRule() {
        Map<String, Map<String, Object>> rules = template.findResources("AWS::Events::Rule");

        assertEquals(5, rules.size());
        for (Map<String, Object> rule : rules.values()) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> targets = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("Properties")).get("Targets");
            assertEquals(2, targets.size(), rule.toString());
            assertTrue(targets.stream().anyMatch(t -> EXISTING.equals(t.get("Arn"))), rule.toString());
        }
    }

    @Test
    void topologyFileWithAngleBrackets_shouldBeRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> props(stack(new App(), "Bad")).topologyFile("<file>").build());

        assertTrue(e.getMessage().contains("'<file>'"), e.getMessage());
    }

    @Test
    void awsSolutionsChecks_shouldFindNothing() {
        App nagged = new App();
        Stack s = stack(nagged, "Nagged");
        new Notifications(s, "Notifications", props(s).build());

        StackChecks.assertNoAwsSolutionsFindings(nagged, s, "/Notifications/");
    }

    @Test
    void synthesizedTemplate_shouldPassCfnLint() throws Exception {
        StackChecks.assertCfnLintPasses(app, "Notify");
    }

    private static Stack stack(App app, String id) {
        return new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
    }

    private static NotificationsPropsBuilder props(Stack stack) {
        IFunction detector = Function.fromFunctionName(stack, "Detector", "shop-prod-eu-west-1-detector");
        Alarm routing = Alarm.Builder.create(stack, "Routing").alarmName("shop-prod-routing-eu-west-1")
                .metric(Metric.Builder.create().namespace("Crossfade/Routing").metricName("RoutingControl").build())
                .threshold(1).evaluationPeriods(1).build();
        return Notifications.Props.builder().application("shop-prod").emails(List.of("oncall@example.com"))
                .topicArns(List.of(EXISTING)).topologyFile("topologies/shop.yaml").approvalTimeoutMinutes(15)
                .detector(detector).routingAlarm(routing);
    }
}
