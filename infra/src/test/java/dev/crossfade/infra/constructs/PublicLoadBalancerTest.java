package dev.crossfade.infra.constructs;

import static dev.crossfade.infra.testutils.Templates.onlyLogicalId;
import static dev.crossfade.infra.testutils.Templates.ref;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;

class PublicLoadBalancerTest extends HttpAndHttpsFixture {

    @Override
    void build(Stack stack, Optional<String> certificate) {
        var vpc = new RegionalNetwork(stack, "Network", RegionalNetwork.Props.builder().vpcCidr("10.1.0.0/16").build()).vpc();
        var targets = ApplicationTargetGroup.Builder.create(stack, "Targets").vpc(vpc).port(8080)
                .protocol(ApplicationProtocol.HTTP).targetType(TargetType.IP).build();
        new PublicLoadBalancer(stack, "Entry", PublicLoadBalancer.Props.builder().vpc(vpc)
                .securityGroup(SecurityGroup.Builder.create(stack, "AlbGroup").vpc(vpc).build())
                .targetGroup(targets).certificateArn(certificate).build());
    }

    @Test
    void alb_shouldBeInternetFacingInThePublicSubnets() {
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of(
                "Scheme", "internet-facing", "Type", "application",
                "Subnets", List.of(Map.of("Ref", Match.stringLikeRegexp("NetworkVpcpublicSubnet1.*")),
                        Map.of("Ref", Match.stringLikeRegexp("NetworkVpcpublicSubnet2.*")))));
    }

    @Test
    void alb_shouldLogAccessAndDropInvalidHeaders() {
        String bucket = onlyLogicalId(http, "AWS::S3::Bucket", Map.of());
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("LoadBalancerAttributes",
                Match.arrayWith(List.of(Map.of("Key", "access_logs.s3.bucket", "Value", ref(bucket))))));
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Map.of("LoadBalancerAttributes",
                Match.arrayWith(List.of(Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true")))));
        http.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration",
                        List.of(Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true)));
        http.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny", "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))); 
    }

    @Test
    void noCertificate_shouldListenOnHttp80Only() {
        http.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        http.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80, "Protocol", "HTTP",
                "DefaultActions", forwardToTheTargetGroup(http)));
    }

    @Test
    void certificate_shouldServeHttpsAndRedirectHttp() {
        https.resourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
        https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 443, "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn", CERT)),
                "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "DefaultActions", forwardToTheTargetGroup(https)));
        https.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of(
                "Port", 80, "Protocol", "HTTP",
                "DefaultActions", List.of(Map.of("Type", "redirect", "RedirectConfig", Match.objectLike(Map.of(
                        "Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))))));
    }
}
