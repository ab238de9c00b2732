package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.infra.data.testutils.TestTopologies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class VpcPeeringTest {

    private static SynthesizedApp three;

    @BeforeAll
    static void synth() {
        three = TestApps.threeRegions();
    }

    @Test
    void threeRegions_shouldPeerAFullMeshRequestedByTheBetterRankedRegion() {
        List<String> pairs = new ReplicationPlan(TestTopologies.threeRegions()).peeringPairs().stream()
                .map(p -> p.requester().name() + ">" + p.accepter().name()).toList();

        assertEquals(List.of("us-east-1>eu-west-1", "us-east-1>us-west-2", "eu-west-1>us-west-2"), pairs);
        Template first = three.peering("us-east-1");
        first.resourceCountIs("AWS::EC2::VPCPeeringConnection", 2);
        first.hasResourceProperties("AWS::EC2::VPCPeeringConnection", Map.of(
                "PeerRegion", "us-west-2", "PeerOwnerId", TestApp.ACCOUNT, "PeerVpcId", Match.anyValue(),
                "VpcId", Map.of("Fn::ImportValue", Match.anyValue())));
        three.peering("us-west-2").resourceCountIs("AWS::EC2::VPCPeeringConnection", 0);
    }

    @Test
    void routes_shouldGoBothWaysInEveryPrivateRouteTable() {
        Template requester = three.peering("us-east-1");
        Template middle = three.peering("eu-west-1");
        Template accepter = three.peering("us-west-2");

        // two private subnets (maxAzs 2) per VPC: one route per route table per peer
        requester.resourceCountIs("AWS::EC2::Route", 4);
        requester.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.2.0.0/16",
                "VpcPeeringConnectionId", Map.of("Ref", Match.stringLikeRegexp("Tounitedstates.*|Tous.*"))));
        middle.resourceCountIs("AWS::EC2::Route", 4);
        middle.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.0.0.0/16"));
        middle.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.2.0.0/16"));
        accepter.resourceCountIs("AWS::EC2::Route", 4);
        accepter.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.0.0.0/16",
                "VpcPeeringConnectionId", Match.anyValue()));
        accepter.hasResourceProperties("AWS::EC2::Route", Map.of("DestinationCidrBlock", "10.1.0.0/16"));
    }

    @Test
    void securityGroups_shouldAdmitExactlyTheEnabledPeersCidrsOnTheDatabaseAndServicePorts() {
        Topology t = three.topology();
        int appPort = t.app().containerPort();
        for (Topology.Region region : t.enabledRegions()) {
            Set<String> expected = new TreeSet<>();
            t.enabledRegions().stream().filter(r -> !r.name().equals(region.name())).forEach(peer -> {
                expected.add(peer.vpcCidr() + " tcp " + 5432);
                expected.add(peer.vpcCidr() + " tcp " + appPort);
            });

            assertEquals(expected, cidrIngress(three.regional(region.name())), region.name());
        }
        // a disabled region's CIDR is never admitted
        t.regions().values().stream().filter(r -> !r.enabled()).forEach(disabled -> t.enabledRegions().forEach(region ->
                assertTrue(cidrIngress(three.regional(region.name())).stream().noneMatch(c -> c.startsWith(disabled.vpcCidr() + " ")))));
    }

    /** Every ingress rule from a CIDR other than the internet, as "cidr protocol port". */
    static Set<String> cidrIngress(Template template) {
        Set<String> rules = new TreeSet<>();
        JsonNode resources = new ObjectMapper().valueToTree(template.toJSON()).path("Resources");
        resources.properties().forEach(e -> {
            JsonNode resource = e.getValue();
            String type = resource.path("Type").asText();
            List<JsonNode> ingress = new ArrayList<>();
            if (type.equals("AWS::EC2::SecurityGroup")) {
                resource.path("Properties").path("SecurityGroupIngress").forEach(ingress::add);
            } else if (type.equals("AWS::EC2::SecurityGroupIngress")) {
                ingress.add(resource.path("Properties"));
            }
            for (JsonNode rule : ingress) {
                String cidr = rule.path("CidrIp").asText("");
                if (!cidr.isEmpty() && !cidr.equals("0.0.0.0/0")) {
                    assertEquals(rule.path("FromPort").asInt(), rule.path("ToPort").asInt(), "one port per rule: " + rule);
                    rules.add(cidr + " " + rule.path("IpProtocol").asText() + " " + rule.path("FromPort").asInt());
                }
            }
        });
        return rules;
    }
}
