package dev.crossfade.infra.global;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestTopologies;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RoutingRecordsTest {

    private static Template failover;
    private static Template chain;
    private static Template latency;
    private static Template geolocation;
    private static Template weighted;

    @BeforeAll
    static void synth() {
        failover = TestApp.seedGlobal();
        chain = TestApp.threeRegionsGlobal();
        latency = TestApp.activeActiveGlobal();
        App app = new App();
        Stack geo = recordsOnly(app, "Geo", TestTopologies.seedWithRouting("geolocation"));
        Stack weights = recordsOnly(app, "Weighted", TestTopologies.seedWithRouting("weighted"));
        geolocation = Template.fromStack(geo);
        weighted = Template.fromStack(weights);
    }

    /** Records with literal health check ids: the routing policy is what these tests look at. */
    private static Stack recordsOnly(App app, String id, Topology t) {
        Stack stack = new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account(TestApp.ACCOUNT).region("us-east-1").build()).build());
        new RoutingRecords(stack, "Records", RoutingRecords.Props.builder()
                .domainName(t.domain().name()).hostedZoneId(t.domain().hostedZoneId()).routing(t.routing())
                .regions(t.enabledRegions()).endpoints(TestApp.endpoints(t.enabledRegions()))
                .healthCheckIds(t.enabledRegions().stream().collect(Collectors.toMap(Region::name, r -> "hc-" + r.name())))
                .build());
        return stack;
    }

    private static Map<String, Object> alias(String region) {
        return Map.of("DNSName", "alb-" + region + ".elb.amazonaws.com",
                "HostedZoneId", "ZALB" + region.replace("-", "").toUpperCase(), "EvaluateTargetHealth", true);
    }

    @Test
    void seedFailover_shouldAliasPrimaryAndSecondaryWithHealthChecks() {
        failover.resourceCountIs("AWS::Route53::RecordSet", 3); // two failover records + the accelerator alias
        failover.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Type", "A", "HostedZoneId", "Z0123456789ABCDEFGHIJ",
                "Failover", "PRIMARY", "AliasTarget", alias("us-east-1"),
                "HealthCheckId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("HealthChecksCheckuseast1.*"), "HealthCheckId"))));
        failover.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Failover", "SECONDARY", "AliasTarget", alias("eu-west-1"),
                "HealthCheckId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("HealthChecksCheckeuwest1.*"), "HealthCheckId"))));
    }

    @Test
    void threeRegionFailover_shouldChainThroughANestedFailoverName() {
        chain.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Failover", "PRIMARY", "AliasTarget", alias("us-east-1")));
        chain.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Failover", "SECONDARY", "HealthCheckId", Match.absent(),
                "AliasTarget", Map.of("DNSName", "failover-2.api.example.com",
                        "HostedZoneId", "Z0123456789ABCDEFGHIJ", "EvaluateTargetHealth", true)));
        chain.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "failover-2.api.example.com", "Failover", "PRIMARY", "AliasTarget", alias("eu-west-1")));
        chain.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "failover-2.api.example.com", "Failover", "SECONDARY", "AliasTarget", alias("us-west-2"),
                "HealthCheckId", Match.anyValue()));
    }

    @Test
    void latency_shouldCreateOneRecordPerRegion() {
        latency.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Region", "us-east-1", "SetIdentifier", "us-east-1",
                "AliasTarget", alias("us-east-1"), "HealthCheckId", Match.anyValue()));
        latency.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Name", "api.example.com", "Region", "ap-south-1", "AliasTarget", alias("ap-south-1")));
    }

    @Test
    void geolocation_shouldMapContinentsAndOneDefault() {
        geolocation.resourceCountIs("AWS::Route53::RecordSet", 3);
        geolocation.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "GeoLocation", Map.of("ContinentCode", "NA"), "AliasTarget", alias("us-east-1"), "HealthCheckId", "hc-us-east-1"));
        geolocation.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "GeoLocation", Map.of("ContinentCode", "EU"), "AliasTarget", alias("eu-west-1"), "HealthCheckId", "hc-eu-west-1"));
        geolocation.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "GeoLocation", Map.of("CountryCode", "*"), "AliasTarget", alias("eu-west-1")));
    }

    @Test
    void weighted_shouldCarryEachRegionsWeight() {
        weighted.resourceCountIs("AWS::Route53::RecordSet", 2);
        weighted.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Weight", 50, "SetIdentifier", "us-east-1", "AliasTarget", alias("us-east-1"), "HealthCheckId", "hc-us-east-1"));
        weighted.hasResourceProperties("AWS::Route53::RecordSet", Map.of(
                "Weight", 50, "SetIdentifier", "eu-west-1", "HealthCheckId", "hc-eu-west-1"));
    }
}
