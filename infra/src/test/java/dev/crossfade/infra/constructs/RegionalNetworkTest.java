package dev.crossfade.infra.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RegionalNetworkTest {

    private static RegionalNetwork network;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Net");
        network = new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.7.0.0/16").build());
        template = Template.fromStack(stack);
    }

    @Test
    void givenCidr_shouldBeTheVpcBlock() {
        template.resourceCountIs("AWS::EC2::VPC", 1);
        template.hasResourceProperties("AWS::EC2::VPC", Map.of("CidrBlock", "10.7.0.0/16"));
    }

    @Test
    void defaultProps_shouldSpreadPublicAndPrivateSubnetsOverTwoZones() {
        Map<String, Map<String, Object>> subnets = template.findResources("AWS::EC2::Subnet");
        assertEquals(4, subnets.size());
        Set<Object> zones = subnets.values().stream()
                .map(s -> ((Map<?, ?>) s.get("Properties")).get("AvailabilityZone"))
                .collect(Collectors.toSet());
        assertEquals(2, zones.size(), "subnets must sit in two distinct zones: " + zones);
        template.resourceCountIs("AWS::EC2::Subnet", 4);
        template.hasResourceProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true));
        template.hasResourceProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", false));
    }

    @Test
    void everyZone_shouldHaveItsOwnNatGatewayAndPrivateDefaultRoute() {
        template.resourceCountIs("AWS::EC2::NatGateway", 2);
        template.hasResourceProperties("AWS::EC2::Route", Map.of(
                "DestinationCidrBlock", "0.0.0.0/0", "NatGatewayId", Match.anyValue()));
        assertEquals(2, network.privateRouteTableIds().size());
    }

    @Test
    void vpc_shouldSendAllTrafficFlowLogsToCloudWatch() {
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of(
                "TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void oneZone_shouldBeRejected() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> RegionalNetwork.Props.builder().vpcCidr("10.0.0.0/16").azCount(1).build());
        assertTrue(error.getMessage().contains("azCount"), error.getMessage());
    }

    @Test
    void threeZones_shouldMakeSixSubnetsAndThreeNatGateways() {
        Stack stack = new Stack(new App(), "Net3") {
            @Override
            public List<String> getAvailabilityZones() {
                return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()), Fn.select(2, Fn.getAzs()));
            }
        };
        new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.8.0.0/16").azCount(3).build());

        Template three = Template.fromStack(stack);

        three.resourceCountIs("AWS::EC2::Subnet", 6);
        three.resourceCountIs("AWS::EC2::NatGateway", 3);
    }
}
