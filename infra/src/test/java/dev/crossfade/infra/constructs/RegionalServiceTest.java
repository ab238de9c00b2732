package dev.crossfade.infra.constructs;

import static dev.crossfade.infra.testutils.Templates.onlyLogicalId;
import static dev.crossfade.infra.testutils.Templates.ref;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;

class RegionalServiceTest extends HttpAndHttpsFixture {

    @Override
    void build(Stack stack, Optional<String> certificate) {
        RegionalNetwork network = new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.1.0.0/16").build());
        RegionalSecurityGroups groups = new RegionalSecurityGroups(stack, "Groups",
                RegionalSecurityGroups.Props.builder().vpc(network.vpc()).appPort(8080).build());
        new RegionalService(stack, "App", RegionalService.Props.builder()
                .vpc(network.vpc()).albSecurityGroup(groups.alb()).serviceSecurityGroup(groups.service())
                .image("public.ecr.aws/nginx/nginx:stable").containerPort(8080).healthPath("/ready")
                .certificateArn(certificate).instanceType("c6i.xlarge")
                .desiredCount(4).minCapacity(2).maxCapacity(9)
                .build());
    }

    @Test
    void capacity_shouldTakeTheInstanceTypeAndBoundsFromProps() {
        http.hasResourceProperties("AWS::AutoScaling::AutoScalingGroup", Map.of("MinSize", "2", "MaxSize", "9"));
        http.hasResourceProperties("AWS::EC2::LaunchTemplate", Map.of("LaunchTemplateData", Match.objectLike(Map.of(
                "InstanceType", "c6i.xlarge"))));
        http.resourceCountIs("AWS::ECS::Cluster", 1);
    }

    @Test
    void service_shouldRunTheImageWithTheDesiredCountOnTheCapacityProvider() {
        http.hasResourceProperties("AWS::ECS::TaskDefinition", Map.of(
                "NetworkMode", "awsvpc",
                "ContainerDefinitions", List.of(Match.objectLike(Map.of(
                        "Image", "public.ecr.aws/nginx/nginx:stable",
                        "PortMappings", List.of(Map.of("ContainerPort", 8080, "Protocol", "tcp")),
                        "LogConfiguration", Match.objectLike(Map.of("LogDriver", "awslogs")))))));
        http.hasResourceProperties("AWS::ECS::Service", Map.of(
                "DesiredCount", 4,
                "CapacityProviderStrategy", List.of(Match.objectLike(Map.of("Weight", 1))),
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true)))));
        http.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of("MinCapacity", 2, "MaxCapacity", 9));
    }

    @Test
    void targetGroup_shouldCheckTheHealthPathOnIpTargets() {
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Map.of(
                "HealthCheckPath", "/ready", "Port", 8080, "Protocol", "HTTP", "TargetType", "ip",
                "Matcher", Map.of("HttpCode", "200")));
        String targets = onlyLogicalId(http, "AWS::ElasticLoadBalancingV2::TargetGroup", Map.of());
        http.hasResourceProperties("AWS::ECS::Service", Map.of("LoadBalancers", List.of(Map.of(
                "ContainerName", "app", "ContainerPort", 8080, "TargetGroupArn", ref(targets)))));
    }

    @Test
    void listener_shouldForwardToTheServicesTargetGroup() {
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80, "Protocol", "HTTP",
                "DefaultActions", forwardToTheTargetGroup(http)));
    }

    @Test
    void certificateArn_shouldReachTheHttpsListener() {
        https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443, "Protocol", "HTTPS", "Certificates", List.of(Map.of("CertificateArn", CERT)),
                "DefaultActions", forwardToTheTargetGroup(https)));
    }

    @Test
    void desiredOutsideMinMax_shouldBeRejected() {
        var error = assertThrows(IllegalArgumentException.class, () -> RegionalService.Props.builder()
                .vpc(software.amazon.awscdk.services.ec2.Vpc.fromVpcAttributes(new Stack(new App(), "X"), "V",
                        software.amazon.awscdk.services.ec2.VpcAttributes.builder().vpcId("vpc-1").availabilityZones(List.of("a")).build()))
                .albSecurityGroup(software.amazon.awscdk.services.ec2.SecurityGroup.fromSecurityGroupId(new Stack(new App(), "Y"), "A", "sg-1"))
                .serviceSecurityGroup(software.amazon.awscdk.services.ec2.SecurityGroup.fromSecurityGroupId(new Stack(new App(), "Z"), "S", "sg-2"))
                .image("img").containerPort(80).instanceType("m5.large")
                .desiredCount(10).minCapacity(1).maxCapacity(5).build());
        assertTrue(error.getMessage().contains("1, 10, 5"), error.getMessage());
    }
}
