package dev.crossfade.infra;

import static dev.crossfade.infra.testutils.Templates.getAtt;
import static dev.crossfade.infra.testutils.Templates.onlyLogicalId;
import static dev.crossfade.infra.testutils.Templates.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The seed topology (two regions, account given) and the geolocation one (three enabled, one disabled). */
class RegionalStackTest {

    private static List<RegionalStack> seed;
    private static List<RegionalStack> geo;
    private static Template seedPrimary;
    private static Template seedSecondary;

    @BeforeAll
    static void synthesize() {
        seed = Apps.seed().stacks().regional();
        geo = Apps.geo().stacks().regional();
        seedPrimary = Apps.seed().regional("us-east-1");
        seedSecondary = Apps.seed().regional("eu-west-1");
    }

    @Test
    void enabledRegions_shouldEachGetOneStackNamedProjectEnvironmentRegion() {
        assertEquals(List.of("shop-prod-us-east-1", "shop-prod-eu-west-1"), seed.stream().map(RegionalStack::getStackName).toList());
        assertEquals(List.of("shop-prod-us-east-1", "shop-prod-eu-west-1", "shop-prod-ap-southeast-1"),
                geo.stream().map(RegionalStack::getStackName).toList());
    }

    @Test
    void disabledRegion_shouldBeRefusedByProps() {
        Topology t = Examples.load(Examples.GEO);
        var error = assertThrows(IllegalArgumentException.class,
                () -> RegionalStack.Props.builder().topology(t).region(t.region("sa-east-1").orElseThrow()).build());
        assertTrue(error.getMessage().contains("sa-east-1"), error.getMessage());
    }

    @Test
    void stacks_shouldBePinnedToTheirRegionExplicitly() {
        assertEquals(List.of("us-east-1", "eu-west-1"), seed.stream().map(RegionalStack::getRegion).toList());
        assertEquals(List.of("us-east-1", "eu-west-1", "ap-southeast-1"), geo.stream().map(RegionalStack::getRegion).toList());
    }

    @Test
    void templates_shouldTellCfnLintTheirRegion() {
        assertEquals(Map.of("cfn-lint", Map.of("config", Map.of("regions", List.of("eu-west-1")))),
                seedSecondary.toJSON().get("Metadata"));
    }

    @Test
    void topologyAccount_shouldWinOverTheFallback() {
        List<RegionalStack> stacks = CrossfadeApp.build(new App(), Examples.load(Examples.SEED), Optional.of("999999999999"));

        stacks.forEach(s -> assertEquals("123456789012", s.getAccount()));
    }

    @Test
    void noTopologyAccount_shouldUseTheFallbackAccount() {
        Topology noAccount = Examples.withAccount(Examples.load(Examples.SEED), Optional.empty());

        List<RegionalStack> stacks = CrossfadeApp.build(new App(), noAccount, Optional.of("999999999999"));

        stacks.forEach(s -> assertEquals("999999999999", s.getAccount()));
    }

    @Test
    void noAccountAnywhere_shouldFailNamingTheTopologysAccountKey() {
        var error = assertThrows(AppInputException.class,
                () -> CrossfadeApp.build(new App(), Examples.withAccount(Examples.load(Examples.GEO), Optional.empty()), Optional.empty()));

        assertTrue(error.getMessage().contains("`account` in the topology"), error.getMessage());
        assertTrue(error instanceof IllegalArgumentException, "the CLI maps IllegalArgumentException to exit code 2");
    }

    @Test
    void vpcCidr_shouldComeFromEachRegion() {
        seedPrimary.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.0.0.0/16"));
        seedSecondary.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.1.0.0/16"));
        Template ap = Apps.geo().regional("ap-southeast-1");
        ap.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.2.0.0/16"));
    }

    @Test
    void capacityAndService_shouldFollowEachRegionsCounts() {
        seedPrimary.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of("MinSize", "3", "MaxSize", "10"));
        seedPrimary.hasResourceProperties("AWS::ECS::Service", Map.of("DesiredCount", 3));
        seedSecondary.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of("MinSize", "2", "MaxSize", "8"));
        seedSecondary.hasResourceProperties("AWS::ECS::Service", Map.of("DesiredCount", 2));
        seedSecondary.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData",
                Match.objectLike(Map.of("InstanceType", "m5.large"))));
    }

    @Test
    void appSettings_shouldComeFromTheTopology() {
        seedPrimary.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", List.of(Match.objectLike(Map.of(
                "Image", "docker.io/traefik/whoami:v1.10",
                "PortMappings", List.of(Map.of("ContainerPort", 80, "Protocol", "tcp")))))));
        seedPrimary.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of("HealthCheckPath", "/health"));
        seedPrimary.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Protocol", "HTTPS"));
    }

    @Test
    void outputs_shouldExposeAlbVpcRouteTablesAndDatabaseGroup() {
        String alb = onlyLogicalId(seedPrimary, "AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of());
        String vpc = onlyLogicalId(seedPrimary, "AWS::EC2::VPC", Map.of());
        String db = onlyLogicalId(seedPrimary, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", Match.stringLikeRegexp("^Database")));

        seedPrimary.hasOutput("AlbDnsName", Map.of("Value", getAtt(alb, "DNSName")));
        seedPrimary.hasOutput("AlbHostedZoneId", Map.of("Value", getAtt(alb, "CanonicalHostedZoneID")));
        seedPrimary.hasOutput("VpcId", Map.of("Value", ref(vpc)));
        seedPrimary.hasOutput("DbSecurityGroupId", Map.of("Value", getAtt(db, "GroupId")));
        seedPrimary.hasOutput("PrivateRouteTableIds", Map.of("Value", Map.of("Fn::Join", List.of(",", List.of(
                ref(onlyLogicalId(seedPrimary, "AWS::EC2::RouteTable", Map.of("Tags", Match.arrayWith(List.of(Map.of("Key", "Name",
                        "Value", "shop-prod-us-east-1/Network/Vpc/privateSubnet1")))))),
                ref(onlyLogicalId(seedPrimary, "AWS::EC2::RouteTable", Map.of("Tags", Match.arrayWith(List.of(Map.of("Key", "Name",
                        "Value", "shop-prod-us-east-1/Network/Vpc/privateSubnet2")))))))))));
    }

    @Test
    void namedOutputs_shouldNotBeExported() {
        Map<String, Map<String, Object>> outputs = seedPrimary.findOutputs("*");
        for (String id : List.of("AlbDnsName", "AlbHostedZoneId", "VpcId", "PrivateRouteTableIds", "DbSecurityGroupId")) {
            assertTrue(outputs.containsKey(id), id);
            assertFalse(outputs.get(id).containsKey("Export"), id + " is exported");
        }
    }

    @Test
    void getters_shouldExposeConstructsForLaterConstructs() {
        RegionalStack stack = seed.get(0);
        assertEquals("us-east-1", stack.regionConfig().name());
        assertTrue(stack.regionConfig().primary());
        assertEquals("shop-prod", stack.topology().name());
        assertTrue(Token.isUnresolved(stack.securityGroups().database().getSecurityGroupId()));
        assertTrue(Token.isUnresolved(stack.network().vpc().getVpcId()));
        assertTrue(Token.isUnresolved(stack.service().loadBalancer().getLoadBalancerDnsName()));
    }
}
