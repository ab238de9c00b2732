package dev.crossfade.infra.global;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.GlobalStack;
import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.testutils.Templates;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.infra.data.testutils.TestTopologies;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class HealthChecksTest {

    private static Template tcp;

    @BeforeAll
    static void synth() {
        Topology t = TopologyParser.parse(TestTopologies.resource(TestTopologies.THREE_REGIONS)
                .replace("protocol: HTTP\n  port: 80", "protocol: TCP\n  port: 443"), "tcp");
        Stack stack = new Stack(new App(), "Tcp", StackProps.builder()
                .env(Environment.builder().account(TestApp.ACCOUNT).region("us-east-1").build()).build());
        Map<String, RegionEndpoint> endpoints = TestApp.endpoints(t.enabledRegions());
        new HealthChecks(stack, "HealthChecks", HealthChecks.Props.builder().prefix(t.name())
                .healthCheck(t.healthCheck()).endpoints(List.copyOf(endpoints.values())).build());
        new Accelerator(stack, "Accelerator", Accelerator.Props.builder().prefix(t.name()).mode(t.mode())
                .regions(t.enabledRegions()).endpoints(endpoints).healthCheck(t.healthCheck())
                .accelerator(t.globalAccelerator()).hostedZoneId(t.domain().hostedZoneId())
                .aliasName(Accelerator.aliasNameFor(t.domain().name())).build());
        tcp = Template.fromStack(stack);
    }

    @Test
    void seed_shouldCheckEachRegionsAlbOverHttpsWithTopologySettings() {
        Template seed = TestApp.seedGlobal();
        seed.resourceCountIs("AWS::Route53::HealthCheck", 2);
        seed.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Map.of(
                "Type", "HTTPS",
                "FullyQualifiedDomainName", "alb-eu-west-1.elb.amazonaws.com",
                "Port", 443,
                "ResourcePath", "/health",
                "RequestInterval", 10,
                "FailureThreshold", 3,
                "MeasureLatency", true,
                "EnableSNI", true,
                "Regions", List.of("us-east-1", "us-west-2", "eu-west-1"))));
    }

    @Test
    void seed_shouldAlarmOnEachHealthCheckWithTheTopologyName() {
        Template seed = TestApp.seedGlobal();
        seed.resourceCountIs("AWS::CloudWatch::Alarm", 2);
        seed.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "shop-prod-us-east-1-health-check",
                "Namespace", "AWS/Route53",
                "MetricName", "HealthCheckStatus",
                "Dimensions", List.of(Map.of("Name", "HealthCheckId",
                        "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("HealthChecksCheckuseast1.*"), "HealthCheckId")))),
                "ComparisonOperator", "LessThanThreshold",
                "Threshold", 1,
                "TreatMissingData", "missing"));
    }

    @Test
    void checkerRegions_shouldComeFromTheTopology() {
        Template activeActive = TestApp.activeActiveGlobal();
        activeActive.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig",
                Match.objectLike(Map.of("Regions", List.of("us-east-1", "us-west-2", "ap-southeast-1")))));
    }

    @Test
    void httpTopology_shouldUseHttpWithoutSniAndThirtySecondInterval() {
        Template three = TestApp.threeRegionsGlobal();
        three.resourceCountIs("AWS::Route53::HealthCheck", 3);
        three.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Map.of(
                "Type", "HTTP", "FullyQualifiedDomainName", "alb-us-west-2.elb.amazonaws.com", "Port", 80,
                "ResourcePath", "/health", "RequestInterval", 30, "FailureThreshold", 2, "MeasureLatency", false)));
    }

    @Test
    void tcpTopology_shouldCheckWithoutPathInRoute53AndGlobalAccelerator() {
        tcp.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Map.of(
                "Type", "TCP", "Port", 443, "ResourcePath", Match.absent(), "EnableSNI", Match.absent())));
        tcp.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "HealthCheckProtocol", "TCP", "HealthCheckPath", Match.absent(), "HealthCheckPort", 443));
    }

    @Test
    void stackOutsideUsEast1_shouldBeRefusedNamingTheRegion() {
        Topology t = TestTopologies.seed();
        Stack stack = new Stack(new App(), "T", StackProps.builder()
                .env(Environment.builder().account(TestApp.ACCOUNT).region("eu-west-1").build()).build());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HealthChecks(stack, "H",
                HealthChecks.Props.builder().prefix("p").healthCheck(t.healthCheck())
                        .endpoints(List.copyOf(TestApp.endpoints(t.enabledRegions()).values())).build()));

        assertTrue(e.getMessage().contains("eu-west-1"), e.getMessage());
    }

    /** The global stack's wiring with literal endpoints: routing alarms for every region, vetoes as GlobalStack gives them. */
    private static Template withVetoes(Topology t) {
        Stack stack = new Stack(new App(), "Vetoes", StackProps.builder()
                .env(Environment.builder().account(TestApp.ACCOUNT).region("us-east-1").build()).build());
        new HealthChecks(stack, "HealthChecks", HealthChecks.Props.builder().prefix(t.name()).healthCheck(t.healthCheck())
                .endpoints(List.copyOf(TestApp.endpoints(t.enabledRegions()).values()))
                .routingAlarms(t.enabledRegions().stream().collect(Collectors.toMap(Topology.Region::name,
                        r -> FailoverWorkflow.routingAlarmName(t.name(), r.name()))))
                .vetoAlarms(GlobalStack.vetoAlarms(t))
                .build());
        return Template.fromStack(stack);
    }

    @Test
    void threeRegions_shouldServeOnlyWhileEndpointRoutingControlAndNoVetoAllHold() {
        Topology t = TestTopologies.threeRegions();
        Template template = withVetoes(t);
        // us-east-1 (1) -> eu-west-1 (2) -> us-west-2 (3) -> us-east-1: the next enabled region by priority, wrapping
        Map<String, String> holders = Map.of("us-east-1", "eu-west-1", "eu-west-1", "us-west-2", "us-west-2", "us-east-1");
        assertEquals(holders.keySet(), t.enabledRegions().stream().map(Topology.Region::name).collect(Collectors.toSet()));

        // per region: endpoint, routing control, veto, serving
        template.resourceCountIs("AWS::Route53::HealthCheck", 4 * 3);
        holders.forEach((region, holder) -> {
            String veto = Templates.onlyLogicalId(template, "AWS::Route53::HealthCheck", Map.of(
                    "HealthCheckConfig", Map.of("Type", "CLOUDWATCH_METRIC",
                            "AlarmIdentifier", Map.of("Name", "shop-stage-veto-" + region, "Region", holder),
                            // a veto set once holds until cleared; a check that never had a status is healthy
                            "InsufficientDataHealthStatus", "LastKnownStatus"),
                    "HealthCheckTags", List.of(Map.of("Key", "Name", "Value", "shop-stage-" + region + "-veto"))));
            String routing = Templates.onlyLogicalId(template, "AWS::Route53::HealthCheck", Match.objectLike(Map.of(
                    "HealthCheckConfig", Map.of("Type", "CLOUDWATCH_METRIC",
                            "AlarmIdentifier", Map.of("Name", "shop-stage-routing-" + region, "Region", region),
                            "InsufficientDataHealthStatus", "LastKnownStatus"))));
            String endpoint = Templates.onlyLogicalId(template, "AWS::Route53::HealthCheck", Match.objectLike(Map.of(
                    "HealthCheckConfig", Match.objectLike(Map.of("FullyQualifiedDomainName", "alb-" + region + ".elb.amazonaws.com")))));
            template.hasResourceProperties("AWS::Route53::HealthCheck", Map.of(
                    "HealthCheckConfig", Map.of("Type", "CALCULATED", "HealthThreshold", 3, "ChildHealthChecks", List.of(
                            Templates.getAtt(endpoint, "HealthCheckId"), Templates.getAtt(routing, "HealthCheckId"),
                            Templates.getAtt(veto, "HealthCheckId"))),
                    "HealthCheckTags", List.of(Map.of("Key", "Name", "Value", "shop-stage-" + region + "-serving"))));
        });
        // the disabled region has no check of any kind
        assertTrue(!template.toJSON().toString().contains("sa-east-1"), "a check of the disabled region");
    }

    @Test
    void oneEnabledRegion_shouldHaveNoVeto() {
        Topology seed = TestTopologies.seed();
        Map<String, Topology.Region> primaryOnly = new LinkedHashMap<>();
        primaryOnly.put(seed.primaryRegion().name(), seed.primaryRegion());
        Topology one = new Topology(seed.project(), seed.environment(), seed.account(), seed.mode(), seed.domain(), seed.routing(),
                seed.app(), primaryOnly, seed.database(), seed.healthCheck(), seed.globalAccelerator(), seed.replication(),
                seed.failover());

        assertEquals(Map.of(), GlobalStack.vetoAlarms(one));
        Template template = withVetoes(one);
        template.resourceCountIs("AWS::Route53::HealthCheck", 3);
        template.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Match.objectLike(Map.of(
                "Type", "CALCULATED", "HealthThreshold", 2, "ChildHealthChecks", List.of(Match.anyValue(), Match.anyValue())))));
        assertTrue(!template.toJSON().toString().contains("-veto"), "a veto check with one enabled region");
    }

    @Test
    void vetoForARegionWithoutEndpoint_shouldBeRefusedNamingIt() {
        IllegalArgumentException e = refusedOnTheSeed(Map.of("ap-south-1", new HealthChecks.VetoAlarm("p-veto-ap-south-1", "us-east-1")));

        assertTrue(e.getMessage().contains("ap-south-1") && e.getMessage().contains("vetoAlarms"), e.getMessage());
    }

    @Test
    void vetoHeldInItsOwnRegion_shouldBeRefusedNamingIt() {
        IllegalArgumentException e = refusedOnTheSeed(Map.of("eu-west-1", new HealthChecks.VetoAlarm("p-veto-eu-west-1", "eu-west-1")));

        assertTrue(e.getMessage().contains("eu-west-1"), e.getMessage());
    }

    /** What the props of the seed's health checks with these vetoes throw (and fails if they build). */
    private static IllegalArgumentException refusedOnTheSeed(Map<String, HealthChecks.VetoAlarm> vetoAlarms) {
        Topology t = TestTopologies.seed();
        return assertThrows(IllegalArgumentException.class, () -> HealthChecks.Props.builder()
                .prefix("p").healthCheck(t.healthCheck()).endpoints(List.copyOf(TestApp.endpoints(t.enabledRegions()).values()))
                .vetoAlarms(vetoAlarms).build());
    }
}
