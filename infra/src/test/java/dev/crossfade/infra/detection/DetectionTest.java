package dev.crossfade.infra.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DetectionTest {

    private static final Path ROOT = Path.of(System.getProperty("crossfade.repoRoot", ".."));
    private static Topology topology;
    private static Path jar;
    private static Template template;

    @BeforeAll
    static void synthesize() throws IOException {
        topology = TopologyParser.parse(ROOT.resolve("events/topologies/three-regions-quorum-1.yaml"));
        jar = Files.createTempFile("detector", ".jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("placeholder.txt"));
            zip.write("the real jar is functions' -detector.jar".getBytes());
        }
        template = Template.fromStack(stack(props().build()));
    }

    private static DetectionPropsBuilder props() {
        return Detection.Props.builder()
                .topology(topology).region("eu-west-1").codeJar(jar.toString())
                .loadBalancerFullName("app/shop-prod-alb/50dc6c495c0c9188")
                .targetGroupFullName("targetgroup/shop-prod-tg/73e2d6bc24d8a067")
                .peerHealthUrls(Map.of("us-east-1", "https://use1.api.example.com/health", "ap-southeast-2", "https://apse2.api.example.com/health"))
                .replicaInstances(Map.of("eu-west-1", "shop-prod-db"));
    }

    private static Stack stack(Detection.Props props) {
        Stack stack = new Stack(new App(), "DetectionTest", StackProps.builder()
                .env(Environment.builder().account("123456789012").region("eu-west-1").build()).build());
        new Detection(stack, "Detection", props);
        return stack;
    }

    @Test
    void detector_shouldBeJava21OnArm64WithSnapStart_andTheConfigEnvironment() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java21",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "Handler", "dev.crossfade.functions.detect.EvaluateAlarmHandler::handleRequest",
                "Environment", Map.of("Variables", Match.objectLike(Map.of(
                        "CROSSFADE_PROJECT", "shop",
                        "CROSSFADE_ACCOUNT", "123456789012",
                        "CROSSFADE_STATE_TABLE", "shop-prod-detector",
                        "CROSSFADE_STATE_MACHINE_NAME", "shop-prod-failover",
                        "CROSSFADE_WORKFLOW_STATE_TABLE", "shop-prod-failover-state",
                        "CROSSFADE_POLICY", "{\"automatic\":true,\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,\"cooldownMinutes\":30,\"approvalForDataLoss\":true}",
                        "CROSSFADE_REGIONS", "[{\"name\":\"us-east-1\",\"priority\":1,\"primary\":true},{\"name\":\"eu-west-1\",\"priority\":2,\"primary\":false},"
                                + "{\"name\":\"ap-southeast-2\",\"priority\":3,\"primary\":false}]",
                        "CROSSFADE_DISABLED_REGIONS", "[\"us-west-2\"]",
                        "CROSSFADE_REPLICA_INSTANCES", "{\"eu-west-1\":\"shop-prod-db\"}"))))));
        template.hasResourceProperties("AWS::Lambda::Alias", Match.objectLike(Map.of("Name", "live")));
    }

    @Test
    void detector_shouldRunC1OnlyAndKeepAShortDnsCache() {
        Map<String, Map<String, Object>> functions = template.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Handler", Detection.HANDLER)))));

        assertEquals(1, functions.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) functions.values()
                .iterator().next().get("Properties")).get("Environment")).get("Variables");
        assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Dsun.net.inetaddr.ttl=30", variables.get("JAVA_TOOL_OPTIONS"));
        // bench/ measures the detector "as deployed" with LambdaJvm.DETECTOR_TOOL_OPTIONS: the template must carry exactly that
        assertEquals(dev.crossfade.infra.LambdaJvm.DETECTOR_TOOL_OPTIONS, variables.get("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void stateTable_shouldHaveKeysAndPointInTimeRecovery() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Match.objectLike(Map.of(
                "TableName", "shop-prod-detector",
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"), Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "BillingMode", "PAY_PER_REQUEST")));
    }

    @Test
    void alarms_shouldBeNamedAfterRegionAndSignal_withCanariesForEachPeer() {
        for (String name : List.of("shop-prod-eu-west-1-alb-5xx", "shop-prod-eu-west-1-unhealthy-targets",
                "shop-prod-us-east-1-canary", "shop-prod-ap-southeast-2-canary")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmName", name)));
        }
        template.resourceCountIs("AWS::CloudWatch::Alarm", 4);
        template.resourceCountIs("AWS::Synthetics::Canary", 2);
        template.hasResourceProperties("AWS::Synthetics::Canary", Match.objectLike(Map.of(
                "RunConfig", Match.objectLike(Map.of("EnvironmentVariables",
                        Map.of("HEALTH_URL", "https://use1.api.example.com/health", "PEER_REGION", "us-east-1"))))));
    }

    @Test
    void alarmChanges_shouldReachTheDetectorAlias_andScheduleShouldReevaluateEveryMinute() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of(
                        "source", List.of("aws.cloudwatch"),
                        "detail-type", List.of("CloudWatch Alarm State Change"),
                        "detail", Map.of("alarmName", List.of(Map.of("prefix", "shop-prod-")))),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("DetectionLive.*"))))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("ScheduleExpression", "rate(1 minute)")));
    }

    @Test
    void ownAlarmEvents_shouldBeForwardedToEachPeerBus_onlyWhenRaisedHere() {
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Match.objectLike(Map.of("region", List.of("eu-west-1"))),
                "Targets", List.of(
                        Match.objectLike(Map.of("Arn", "arn:aws:events:us-east-1:123456789012:event-bus/default")),
                        Match.objectLike(Map.of("Arn", "arn:aws:events:ap-southeast-2:123456789012:event-bus/default"))))));
    }

    @Test
    void runOutcomes_shouldReachTheDetector_andOwnRunsShouldBeForwardedToEachPeer() {
        // issue 12, defect 1: the detector learns how each failover run ended (they run in the target region)
        List<String> machines = List.of("arn:aws:states:us-east-1:123456789012:stateMachine:shop-prod-failover",
                "arn:aws:states:eu-west-1:123456789012:stateMachine:shop-prod-failover",
                "arn:aws:states:ap-southeast-2:123456789012:stateMachine:shop-prod-failover");
        Map<String, Object> detail = Map.of("stateMachineArn", machines, "status", List.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Map.of("source", List.of("aws.states"), "detail-type", List.of("Step Functions Execution Status Change"),
                        "detail", detail),
                "Targets", List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", Match.stringLikeRegexp("DetectionLive.*"))))))));
        template.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "EventPattern", Match.objectLike(Map.of("source", List.of("aws.states"), "region", List.of("eu-west-1"))),
                "Targets", List.of(
                        Match.objectLike(Map.of("Arn", "arn:aws:events:us-east-1:123456789012:event-bus/default")),
                        Match.objectLike(Map.of("Arn", "arn:aws:events:ap-southeast-2:123456789012:event-bus/default"))))));
    }

    @Test
    void sevenPeers_shouldBeForwardedByTwoRulesWithinEventBridgesFiveTargetLimit() throws IOException {
        Topology eight = TopologyParser.parse(ROOT.resolve("events/topologies/eight-regions-quorum-1.yaml"));
        Map<String, String> peerUrls = new java.util.TreeMap<>();
        eight.enabledRegions().stream().filter(r -> !r.name().equals("eu-west-1"))
                .forEach(r -> peerUrls.put(r.name(), "https://" + r.name() + ".api.example.com/health"));

        Template eightRegions = Template.fromStack(stack(props().topology(eight).peerHealthUrls(peerUrls).build()));

        Map<String, Map<String, Object>> rules = eightRegions.findResources("AWS::Events::Rule", Match.objectLike(Map.of(
                "Properties", Match.objectLike(Map.of("EventPattern", Match.objectLike(Map.of("region", List.of("eu-west-1"),
                        "source", List.of("aws.cloudwatch"))))))));
        List<Integer> targetsPerRule = rules.values().stream()
                .map(r -> ((List<?>) ((Map<?, ?>) r.get("Properties")).get("Targets")).size()).sorted().toList();
        assertEquals(List.of(2, 5), targetsPerRule);
    }

    @Test
    void detectorRole_shouldStartTheWorkflowInEveryRegion_andWriteLocksInPeers() {
        assertAPolicyHolds(
                Match.objectLike(Map.of("Action", "dynamodb:PutItem", "Resource", List.of(
                        "arn:aws:dynamodb:us-east-1:123456789012:table/shop-prod-detector",
                        "arn:aws:dynamodb:ap-southeast-2:123456789012:table/shop-prod-detector"))),
                Match.objectLike(Map.of("Action", "states:StartExecution", "Resource", List.of(
                        "arn:aws:states:us-east-1:123456789012:stateMachine:shop-prod-failover",
                        "arn:aws:states:eu-west-1:123456789012:stateMachine:shop-prod-failover",
                        "arn:aws:states:ap-southeast-2:123456789012:stateMachine:shop-prod-failover"))),
                Match.objectLike(Map.of("Action", "cloudwatch:PutMetricData",
                        "Condition", Map.of("StringEquals", Map.of("cloudwatch:namespace", List.of("Crossfade/Routing"))))));
    }

    /**
     * Its own metrics go to its log in embedded metric format (docs/detection.md "Metrics"): PutMetricData is
     * granted for the routing control it republishes only, never for Crossfade/Detector.
     */
    @Test
    void detectorRole_shouldPutMetricDataForTheRoutingControlOnly() {
        List<String> detectorPolicies = template.findResources("AWS::IAM::Policy").values().stream().map(Object::toString)
                .filter(p -> p.contains("states:StartExecution")).toList();

        assertEquals(1, detectorPolicies.size(), "the detector's policy");
        assertFalse(detectorPolicies.getFirst().contains("Crossfade/Detector"), detectorPolicies.getFirst());
    }

    @Test
    void detector_shouldBeTracedWithXRay() {
        template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.crossfade.functions.detect.EvaluateAlarmHandler::handleRequest",
                "TracingConfig", Map.of("Mode", "Active"))));
        assertAPolicyHolds(Match.objectLike(Map.of(
                "Action", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"), "Resource", "*")));
    }

    @Test
    void detectorRole_shouldReadTheRoutingDesiredStateAndRunLockFromEveryRegionsWorkflowStateTable() {
        assertAPolicyHolds(Match.objectLike(Map.of("Action", "dynamodb:GetItem", "Resource", List.of(
                "arn:aws:dynamodb:us-east-1:123456789012:table/shop-prod-failover-state",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/shop-prod-failover-state",
                "arn:aws:dynamodb:ap-southeast-2:123456789012:table/shop-prod-failover-state"))));
    }

    /** One IAM policy of the template holds all these statements (in this order, among others). */
    private static void assertAPolicyHolds(Object... statements) {
        template.hasResourceProperties("AWS::IAM::Policy", Match.objectLike(Map.of("PolicyDocument", Map.of(
                "Version", "2012-10-17", "Statement", Match.arrayWith(List.of(statements))))));
    }

    @Test
    void canaryOnOwnRegion_shouldBeRefusedNamingTheRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> props().peerHealthUrls(Map.of("eu-west-1", "https://euw1.api.example.com/health")).build());

        assertTrue(e.getMessage().contains("eu-west-1"), e.getMessage());
    }

    @Test
    void disabledRegionAsDetectorRegion_shouldBeRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> props().region("us-west-2").build());

        assertEquals("Detection.region 'us-west-2' is not an enabled region of the topology", e.getMessage());
    }
}
