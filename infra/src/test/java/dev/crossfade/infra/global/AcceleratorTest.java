package dev.crossfade.infra.global;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AcceleratorTest {

    @Test
    void seed_shouldListenOnTcp443WithAGroupPerRegion() {
        Template seed = TestApp.seedGlobal();
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
        Template seed = TestApp.seedGlobal();
        assertDial(seed, "us-east-1", 100);
        assertDial(seed, "eu-west-1", 0);
    }

    @Test
    void activeActive_shouldDialEveryRegion100() {
        Template activeActive = TestApp.activeActiveGlobal();
        assertDial(activeActive, "ap-south-1", 100);
        assertDial(activeActive, "us-east-1", 100);
    }

    /** The endpoint group of {@code region} has its traffic dial at {@code percent}. */
    private static void assertDial(Template global, String region, int percent) {
        global.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", region, "TrafficDialPercentage", percent));
    }

    @Test
    void flowLogsOn_shouldEnableThemThroughUpdateAcceleratorAttributesToAPrivateBucket() {
        Template seed = TestApp.seedGlobal();
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
        Template three = TestApp.threeRegionsGlobal();
        three.resourceCountIs("Custom::AWS", 0);
        three.resourceCountIs("AWS::S3::Bucket", 0);
        three.resourceCountIs("AWS::GlobalAccelerator::EndpointGroup", 3);
        three.hasResourceProperties("AWS::GlobalAccelerator::EndpointGroup", Map.of(
                "EndpointGroupRegion", "us-west-2", "TrafficDialPercentage", 0, "HealthCheckProtocol", "HTTP",
                "HealthCheckIntervalSeconds", 30, "ThresholdCount", 2));
    }

    @Test
    void alias_shouldPointGaSubdomainAtTheAccelerator() {
        Template seed = TestApp.seedGlobal();
        seed.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", "ga.api.example.com", "Type", "A",
                "AliasTarget", Map.of("DNSName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("Accelerator[0-9A-F]{8}"), "DnsName")),
                        "HostedZoneId", "Z2BJ6XQ5FK7U4H", "EvaluateTargetHealth", true)));
    }
}
