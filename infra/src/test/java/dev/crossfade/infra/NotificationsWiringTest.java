package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/** Every enabled region's stack holds the notifications topic and its rules; the topology's subscribers reach it. */
class NotificationsWiringTest {

    @Test
    void everyEnabledRegion_shouldHoldATopicFedByTheFiveRules() {
        SynthesizedApp seed = Apps.seed();
        for (String region : List.of("us-east-1", "eu-west-1")) {
            Template regional = seed.regional(region);

            regional.hasResourceProperties("AWS::SNS::Topic", Map.of("TopicName", "shop-prod-notifications"));
            long rules = regional.findResources("AWS::Events::Rule").keySet().stream().filter(id -> id.startsWith("Notifications")).count();
            assertEquals(5, rules, region);
        }
    }

    @Test
    void subscribers_shouldBeWiredPerRegion() {
        Topology seed = Examples.load(Examples.SEED);
        Topology t = new Topology(seed.project(), seed.environment(), seed.account(), seed.mode(), seed.domain(), seed.routing(),
                seed.app(), seed.regions(), seed.database(), seed.healthCheck(), seed.globalAccelerator(), seed.replication(),
                seed.failover(), new Topology.Notifications(List.of("oncall@example.com"),
                        List.of("arn:aws:sns:eu-west-1:123456789012:pager")));

        Template west = Template.fromStack(stack(t, "eu-west-1"));
        Template east = Template.fromStack(stack(t, "us-east-1"));

        west.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
        east.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "oncall@example.com"));
        assertTrue(west.toJSON().toString().contains("arn:aws:sns:eu-west-1:123456789012:pager"));
        assertTrue(!east.toJSON().toString().contains("arn:aws:sns:eu-west-1:123456789012:pager"), "a topic feeds from its own region only");
    }

    private static RegionalStack stack(Topology t, String region) {
        return new RegionalStack(new App(), RegionalStack.Props.builder().topology(t)
                .region(t.region(region).orElseThrow()).account(SynthesizedApp.ACCOUNT)
                .detectorJar(DetectorJar.locate(Optional.empty())).workflowJars(DetectorJar.locateWorkflow(key -> Optional.empty())).build());
    }
}
