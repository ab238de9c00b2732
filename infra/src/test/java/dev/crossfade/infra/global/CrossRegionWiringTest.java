package dev.crossfade.infra.global;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestTopologies;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
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
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;

/**
 * The global constructs fed with real ALB tokens from regional stacks in other regions, through
 * CDK cross-region references: proves the wiring docs/routing.md proposes synthesizes without a
 * cycle, and shows what the global template then reads.
 */
class CrossRegionWiringTest {

    private static Template global;
    private static Template standby;

    @BeforeAll
    static void synth() {
        Topology t = TestTopologies.seed();
        App app = new App();
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        Map<String, Stack> regional = new LinkedHashMap<>();
        for (Region r : t.enabledRegions()) {
            Stack stack = stack(app, "Regional-" + r.name(), r.name());
            Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0).build();
            ApplicationLoadBalancer alb = ApplicationLoadBalancer.Builder.create(stack, "Alb").vpc(vpc)
                    .internetFacing(true).build();
            endpoints.put(r.name(), new RegionEndpoint(r.name(), alb.getLoadBalancerDnsName(),
                    alb.getLoadBalancerCanonicalHostedZoneId(), alb.getLoadBalancerArn()));
            regional.put(r.name(), stack);
        }
        Stack globalStack = stack(app, "Global", "us-east-1");
        HealthChecks checks = new HealthChecks(globalStack, "HealthChecks", HealthChecks.Props.builder()
                .prefix(t.name()).healthCheck(t.healthCheck()).endpoints(List.copyOf(endpoints.values())).build());
        new RoutingRecords(globalStack, "Records", RoutingRecords.Props.builder()
                .domainName(t.domain().name()).hostedZoneId(t.domain().hostedZoneId()).routing(t.routing())
                .regions(t.enabledRegions()).endpoints(endpoints)
                .healthCheckIds(t.enabledRegions().stream().collect(Collectors.toMap(Region::name,
                        r -> checks.healthCheckId(r.name())))).build());
        new Accelerator(globalStack, "Accelerator", Accelerator.Props.builder().prefix(t.name()).mode(t.mode())
                .regions(t.enabledRegions()).endpoints(endpoints).healthCheck(t.healthCheck())
                .accelerator(t.globalAccelerator()).hostedZoneId(t.domain().hostedZoneId())
                .aliasName(Accelerator.aliasNameFor(t.domain().name())).build());
        global = Template.fromStack(globalStack);
        standby = Template.fromStack(regional.get("eu-west-1"));
    }

    private static Stack stack(App app, String id, String region) {
        return new Stack(app, id, StackProps.builder().crossRegionReferences(true)
                .env(Environment.builder().account(TestApp.ACCOUNT).region(region).build()).build());
    }

    @Test
    void standbyAlb_shouldReachTheGlobalStackThroughACrossRegionExport() {
        standby.resourceCountIs("Custom::CrossRegionExportWriter", 1);
        global.resourceCountIs("Custom::CrossRegionExportReader", 1);
        global.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Match.objectLike(Map.of(
                "FullyQualifiedDomainName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ExportsReader.*"),
                        Match.stringLikeRegexp("/cdk/exports/Global/.*euwest1.*")))))));
    }

    @Test
    void sameRegionAlb_shouldUseAnOrdinaryImport() {
        String json = String.valueOf(global.toJSON());

        assertTrue(json.contains("Fn::ImportValue"), "expected the us-east-1 ALB as an ordinary stack import");
        global.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of("EndpointGroupRegion", "eu-west-1",
                "EndpointConfigurations", List.of(Match.objectLike(Map.of("EndpointId",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ExportsReader.*"), Match.anyValue())))))));
    }
}
