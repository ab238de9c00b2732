package dev.crossfade.infra.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.IVpc;

class EcsCapacityTest {

    private static IVpc vpc;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "Capacity");
        vpc = new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.0.0.0/16").build()).vpc();
        new EcsCapacity(stack, "Ecs", EcsCapacity.Props.builder().vpc(vpc).instanceType("c6i.xlarge")
                .minCapacity(2).maxCapacity(9).build());
        template = Template.fromStack(stack);
    }

    @Test
    void cluster_shouldHaveContainerInsightsEnabled() {
        template.resourceCountIs("AWS::ECS::Cluster", 1);
        template.hasResourceProperties("AWS::ECS::Cluster", Map.of(
                "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enabled"))));
    }

    @Test
    void autoScalingGroup_shouldBeBoundedByMinAndMaxInPrivateSubnets() {
        template.resourceCountIs("AWS::AutoScaling::AutoScalingGroup", 1);
        template.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of(
                "MinSize", "2", "MaxSize", "9", "VPCZoneIdentifier", Match.arrayWith(List.of(
                        Map.of("Ref", Match.stringLikeRegexp("NetworkVpcprivateSubnet1.*"))))));
        Map<?, ?> asg = (Map<?, ?>) template.findResources("AWS::AutoScaling::AutoScalingGroup").values().iterator().next().get("Properties");
        assertFalse(asg.containsKey("DesiredCapacity"), "the capacity provider, not the template, sets the desired size");
    }

    @Test
    void launchTemplate_shouldUseTheInstanceTypeWithEncryptedDiskAndImdsV2() {
        template.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
                "InstanceType", "c6i.xlarge",
                "MetadataOptions", Map.of("HttpTokens", "required"),
                "Monitoring", Map.of("Enabled", true),
                "BlockDeviceMappings", List.of(Map.of("DeviceName", "/dev/xvda",
                        "Ebs", Map.of("Encrypted", true, "VolumeSize", 30, "VolumeType", "gp3")))))));
    }

    @Test
    void capacityProvider_shouldScaleAndDrainWithoutBlockingDeletion() {
        template.hasResourceProperties("AWS::ECS::CapacityProvider", Map.of("AutoScalingGroupProvider", Match.objectLike(Map.of(
                "ManagedScaling", Match.objectLike(Map.of("Status", "ENABLED")),
                "ManagedTerminationProtection", "DISABLED",
                "ManagedDraining", "ENABLED"))));
        template.resourceCountIs("AWS::ECS::ClusterCapacityProviderAssociations", 1);
    }

    @Test
    void instances_shouldAcceptNoInboundTraffic() {
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "GroupDescription", Match.stringLikeRegexp("^ECS container instances"),
                "SecurityGroupIngress", Match.absent()));
    }

    @Test
    void minAboveMax_shouldBeRejected() {
        var error = assertThrows(IllegalArgumentException.class, () -> EcsCapacity.Props.builder()
                .vpc(vpc).instanceType("m5.large").minCapacity(5).maxCapacity(3).build());
        assertEquals("need 0 <= minCapacity <= maxCapacity, found 5, 3", error.getMessage());
    }
}
