package dev.crossfade.infra.constructs;

import static dev.crossfade.infra.testutils.Templates.getAtt;
import static dev.crossfade.infra.testutils.Templates.onlyLogicalId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RegionalSecurityGroupsTest {

    private static Template template;
    private static String alb;
    private static String service;
    private static String database;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Sg");
        RegionalNetwork network = new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.0.0.0/16").build());
        new RegionalSecurityGroups(stack, "Groups", RegionalSecurityGroups.Props.builder()
                .vpc(network.vpc()).appPort(8080).databasePort(5432).build());
        template = Template.fromStack(stack);
        alb = onlyLogicalId(template, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", Match.stringLikeRegexp("^Public ALB")));
        service = onlyLogicalId(template, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", Match.stringLikeRegexp("^ECS service")));
        database = onlyLogicalId(template, "AWS::EC2::SecurityGroup", Map.of("GroupDescription", Match.stringLikeRegexp("^Database")));
    }

    @Test
    void albGroup_shouldAcceptHttpsAndHttpFromTheInternetOnly() {
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("^Public ALB"),
                "SecurityGroupIngress", List.of(
                        Map.of("CidrIp", "0.0.0.0/0", "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443, "Description", Match.anyValue()),
                        Map.of("CidrIp", "0.0.0.0/0", "IpProtocol", "tcp", "FromPort", 80, "ToPort", 80, "Description", Match.anyValue()))));
    }

    @Test
    void albGroup_shouldSendOnlyToTheServicePort() {
        template.resourceCountIs("AWS::EC2::SecurityGroupEgress", 1);
        template.hasResourceProperties("AWS::EC2::SecurityGroupEgress", Map.of(
                "GroupId", getAtt(alb, "GroupId"),
                "DestinationSecurityGroupId", getAtt(service, "GroupId"),
                "FromPort", 8080, "ToPort", 8080));
    }

    @Test
    void serviceGroup_shouldAcceptTheContainerPortFromTheAlbOnly() {
        assertOnlyIngress(service, alb, 8080);
    }

    @Test
    void databaseGroup_shouldAcceptPostgresFromTheServiceOnly() {
        assertOnlyIngress(database, service, 5432);
    }

    @Test
    void databaseGroup_shouldNotAllowOutbound() {
        // CDK writes a disallow-all placeholder egress rule when allowAllOutbound is false
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("^Database"),
                "SecurityGroupEgress", List.of(Map.of("CidrIp", "255.255.255.255/32", "Description", Match.anyValue(),
                        "FromPort", 252, "IpProtocol", "icmp", "ToPort", 86))));
    }

    @Test
    void badPort_shouldBeRejectedNamingTheField() {
        var error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RegionalSecurityGroups.Props.builder().vpc(software.amazon.awscdk.services.ec2.Vpc.fromVpcAttributes(
                        new Stack(new App(), "X"), "V", software.amazon.awscdk.services.ec2.VpcAttributes.builder()
                                .vpcId("vpc-1").availabilityZones(List.of("a")).build())).appPort(0).build());
        assertEquals("appPort must be 1..65535, found 0", error.getMessage());
    }

    /** {@code group}'s one ingress rule, a separate resource: tcp {@code port} from group {@code source}. */
    private static void assertOnlyIngress(String group, String source, int port) {
        Map<String, Map<String, Object>> rules = ingressInto(group);
        assertEquals(1, rules.size(), group + " ingress rules: " + rules);
        template.hasResourceProperties("AWS::EC2::SecurityGroupIngress", Map.of(
                "GroupId", getAtt(group, "GroupId"),
                "SourceSecurityGroupId", getAtt(source, "GroupId"),
                "IpProtocol", "tcp", "FromPort", port, "ToPort", port));
        assertNoInlineIngress(group);
    }

    private static Map<String, Map<String, Object>> ingressInto(String group) {
        return template.findResources("AWS::EC2::SecurityGroupIngress",
                Map.of("Properties", Map.of("GroupId", getAtt(group, "GroupId"))));
    }

    private static void assertNoInlineIngress(String group) {
        Map<?, ?> props = (Map<?, ?>) template.findResources("AWS::EC2::SecurityGroup").get(group).get("Properties");
        assertFalse(props.containsKey("SecurityGroupIngress"), group + " has inline ingress: " + props);
    }
}
