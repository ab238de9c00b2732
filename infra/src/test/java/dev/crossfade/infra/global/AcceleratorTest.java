package dev.crossfade.infra.global;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestTopologies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AcceleratorTest {

    private static Template seed;
    private static Template activeActive;
    private static Template three;

    @BeforeAll
    static void synth() {
        seed = TestApp.standInGlobalTemplate(TestTopologies.seed());
        activeActive = TestApp.standInGlobalTemplate(TestTopologies.activeActive());
        three = TestApp.standInGlobalTemplate(TestTopologies.threeRegions());
    }

    @Test
    void seed_shouldListenOnTcp443WithAGroupPerRegion() {
        seed.resourceCountIs("AWS::GlobalAccelerator::Accelerator", 1);
        seed.hasResourceProperties("AWS::GlobalAccelerator::Listener", Map.of(
                "Protocol", "TCP", "PortRanges", List.of(Map.of("FromPort", 443, "ToPort", 443))));
        seed.resourceCountIs("AWS::GlobalAccelerator::EndpointGroup", 2);
        seed.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "us-east-1",
                "EndpointConfigurations", List.of(Match.objectLike(Map.of(
                        "EndpointId", "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/alb/1",
                        "ClientIPPreservationEnabled", true))),
                "HealthCheckIntervalSeconds", 10, "ThresholdCount", 3,
                "HealthCheckProtocol", "HTTPS", "HealthCheckPath", "/health", "HealthCheckPort", 443));
    }

    @Test
    void activePassive_shouldDialPrimary100AndStandby0() {
        seed.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "us-east-1", "TrafficDialPercentage", 100));
        seed.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "eu-west-1", "TrafficDialPercentage", 0));
    }

    @Test
    void activeActive_shouldDialEveryRegion100() {
        activeActive.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "ap-south-1", "TrafficDialPercentage", 100));
        activeActive.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "us-east-1", "TrafficDialPercentage", 100));
    }

    @Test
    void flowLogsOn_shouldEnableThemThroughUpdateAcceleratorAttributesToAPrivateBucket() {
        String create = String.valueOf(seed.findResources("Custom::AWS").values().iterator().next());

        for (String expected : List.of("\"action\":\"updateAcceleratorAttributes\"", "\"service\":\"GlobalAccelerator\"",
                "\"region\":\"us-west-2\"", "\"FlowLogsEnabled\":true", "\"FlowLogsS3Prefix\":\"flow-logs\"",
                "\"FlowLogsS3Bucket\":\"", "AcceleratorFlowLogBucket")) {
            assertTrue(create.contains(expected), "flow-log custom resource lacks " + expected + ": " + create);
        }
        seed.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Match.objectLike(Map.of(
                "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "delivery.logs.amazonaws.com"), "Action", "s3:PutObject")))))))); 
    }

    @Test
    void flowLogsOff_shouldCreateNoBucketNorCustomResource() {
        three.resourceCountIs("Custom::AWS", 0);
        three.resourceCountIs("AWS::S3::Bucket", 0);
        three.resourceCountIs("AWS::GlobalAccelerator::EndpointGroup", 3);
        three.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "us-west-2", "TrafficDialPercentage", 0, "HealthCheckProtocol", "HTTP",
                "HealthCheckIntervalSeconds", 30, "ThresholdCount", 2));
    }

    @Test
    void alias_shouldPointGaSubdomainAtTheAccelerator() {
        seed.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", "ga.api.example.com", "Type", "A",
                "AliasTarget", Map.of("DNSName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Accelerator[0-9A-F]{8}"), "DnsName")),
                        "HostedZoneId", "Z2BJ6XQ5FK7U4H", "EvaluateTargetHealth", true)));
    }
}
