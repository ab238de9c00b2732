package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.infra.testutils.Templates;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.CfnBucket;

/**
 * What the full app feeds the constructs: certificates, detection inputs, the failover workflow and
 * what starts and follows it, global records, replication phase.
 */
class AppWiringTest {

    @Test
    void httpsHealthChecksWithoutCertificateArn_shouldGetADnsValidatedCertificateAndAnHttpsListener() {
        Template primary = Apps.seed().regional("us-east-1");

        primary.hasResourceProperties("AWS::CertificateManager::Certificate", Map.of(
                "DomainName", "api.example.com",
                "SubjectAlternativeNames", List.of("us-east-1.api.example.com", "ga.api.example.com"),
                "ValidationMethod", "DNS",
                "DomainValidationOptions", Match.arrayWith(List.of(Map.of("DomainName", "api.example.com",
                        "HostedZoneId", "Z0123456789ABCDEFGHIJ")))));
        primary.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Protocol", "HTTPS",
                "Certificates", List.of(Map.of("CertificateArn", Map.of("Ref", Match.stringLikeRegexp("TlsCertificate.*"))))));
        primary.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80, "Protocol", "HTTP",
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect")))));
    }

    @Test
    void operatorsCertificate_shouldBeUsedAndNoneCreated() {
        Topology t = Examples.withCertificate(Examples.load(Examples.SEED),
                "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555");
        RegionalStack stack = new RegionalStack(new App(), RegionalStack.Props.builder().topology(t)
                .region(t.region("eu-west-1").orElseThrow()).account(SynthesizedApp.ACCOUNT)
                .detectorJar(DetectorJar.locate(Optional.empty())).workflowJars(DetectorJar.locateWorkflow(key -> Optional.empty())).build());

        Template template = Template.fromStack(stack);

        template.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 443, "Certificates",
                List.of(Map.of("CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"))));
    }

    @Test
    void httpHealthChecksWithoutCertificate_shouldStayOnHttp() {
        Template regional = Apps.threeRegionsRds().regional("us-west-2");

        regional.resourceCountIs("AWS::CertificateManager::Certificate", 0);
        regional.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Map.of("Port", 80, "Protocol", "HTTP"));
        regional.hasResourceProperties("AWS::Synthetics::Canary", Match.objectLike(Map.of("RunConfig", Match.objectLike(Map.of(
                "EnvironmentVariables", Map.of("HEALTH_URL", "http://us-east-1.api.example.com/health", "PEER_REGION", "us-east-1"))))));
    }

    @Test
    void regionalDnsName_shouldAliasTheRegionsOwnAlb() {
        Template standby = Apps.seed().regional("eu-west-1");

        standby.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", "eu-west-1.api.example.com.", "Type", "A",
                "HostedZoneId", "Z0123456789ABCDEFGHIJ",
                "AliasTarget", Map.of("DNSName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppEntryAlb.*"), "DNSName")),
                        "HostedZoneId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppEntryAlb.*"), "CanonicalHostedZoneID")),
                        "EvaluateTargetHealth", false)));
    }

    @Test
    void detection_shouldWatchTheRegionsAlbAndProbeEachPeerByItsOwnName() {
        Template primary = Apps.geo().regional("us-east-1");

        primary.resourceCountIs("AWS::Synthetics::Canary", 2);
        for (String peer : List.of("eu-west-1", "ap-southeast-1")) {
            primary.hasResourceProperties("AWS::Synthetics::Canary", Match.objectLike(Map.of("RunConfig", Match.objectLike(Map.of(
                    "EnvironmentVariables", Map.of("HEALTH_URL", "https://" + peer + ".api.example.com/health", "PEER_REGION", peer))))));
        }
        primary.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "shop-prod-us-east-1-unhealthy-targets",
                "Dimensions", Match.arrayWith(List.of(
                        Map.of("Name", "LoadBalancer", "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppEntryAlb.*"), "LoadBalancerFullName"))),
                        Map.of("Name", "TargetGroup", "Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AppTargets.*"), "TargetGroupFullName")))))));
        primary.hasResourceProperties("AWS::Lambda::Function", Map.of("Code", Match.objectLike(Map.of("S3Key", Match.stringLikeRegexp(".*\\.jar")))));
    }

    @Test
    void rdsTopology_shouldTellTheDetectorWhichReplicasToReadLagFrom() {
        Apps.seed().regional("eu-west-1").hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of("CROSSFADE_REPLICA_INSTANCES", "{\"eu-west-1\":\"shop-prod-eu-west-1-db\"}")))));
        Apps.latency().regional("us-east-1").hasResourceProperties("AWS::Lambda::Function", Map.of("Environment", Map.of(
                "Variables", Match.objectLike(Map.of("CROSSFADE_REPLICA_INSTANCES", "{}")))));
    }

    @Test
    void databases_shouldSitInTheRegionalStacks() {
        Apps.seed().regional("us-east-1").hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceIdentifier", "shop-prod-us-east-1-db"));
        Apps.seed().regional("eu-west-1").hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "SourceDBInstanceIdentifier", "arn:aws:rds:us-east-1:123456789012:db:shop-prod-us-east-1-db"));
        Apps.geo().regional("ap-southeast-1").hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "GlobalClusterIdentifier", "shop-prod-global"));
    }

    @Test
    void globalStack_shouldCheckEachRegionsAlbAndAlarmOnIt() {
        Template global = Apps.geo().global();

        // per region: the endpoint check, the routing-control check, the veto check and the calculated check combining them
        global.resourceCountIs("AWS::Route53::HealthCheck", 12);
        for (String region : List.of("us-east-1", "eu-west-1", "ap-southeast-1")) {
            global.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", "shop-prod-" + region + "-health-check"));
        }
        global.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Match.objectLike(Map.of(
                "FullyQualifiedDomainName", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("ExportsReader.*"),
                        Match.stringLikeRegexp("/cdk/exports/shop-prod-global/.*apsoutheast1.*")))))));
        global.hasResourceProperties("AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Match.objectLike(Map.of(
                "FullyQualifiedDomainName", Map.of("Fn::ImportValue", Match.stringLikeRegexp("shop-prod-us-east-1:.*"))))));
    }

    @Test
    void globalRecords_shouldFollowEachRoutingMode() {
        Template failover = Apps.seed().global();
        failover.hasResourceProperties("AWS::Route53::RecordSet", Map.of("Name", "api.example.com", "Failover", "PRIMARY",
                "SetIdentifier", "us-east-1-primary", "HealthCheckId", Match.anyValue(), "AliasTarget", Match.anyValue(),
                "HostedZoneId", "Z0123456789ABCDEFGHIJ", "Type", "A"));
        failover.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("Failover", "SECONDARY")));

        Template latency = Apps.latency().global();
        latency.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("Region", "ap-south-1", "SetIdentifier", "ap-south-1")));
        latency.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("Region", "us-east-1")));

        Template geo = Apps.geo().global();
        geo.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("GeoLocation", Map.of("ContinentCode", "NA"))));
        geo.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("GeoLocation", Map.of("ContinentCode", "OC"))));
        geo.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("GeoLocation", Map.of("CountryCode", "*"))));
        geo.resourceCountIs("AWS::GlobalAccelerator::EndpointGroup", 3);
    }

    @Test
    void weightedRouting_shouldGiveEachRegionItsWeight() {
        Topology weighted = dev.crossfade.infra.data.testutils.TestTopologies.seedWithRouting("weighted");
        CrossfadeApp.Stacks stacks = CrossfadeApp.compose(new App(), weighted, Optional.empty());

        Template global = Template.fromStack(stacks.global());

        global.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("SetIdentifier", "eu-west-1", "Weight", 50)));
        global.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("SetIdentifier", "us-east-1", "Weight", 50)));
    }

    @Test
    void everyRegionalStack_shouldRunTheFailoverStateMachineTheDetectorsStart() throws IOException {
        Set<String> placeholders = aslPlaceholders();
        for (SynthesizedApp app : apps()) {
            Topology t = app.topology();
            String name = t.name() + "-failover";
            List<String> everyRegionsMachine = t.enabledRegions().stream()
                    .map(r -> "arn:aws:states:" + r.name() + ":" + SynthesizedApp.ACCOUNT + ":stateMachine:" + name)
                    .sorted().toList(); // @aws-cdk/aws-iam:minimizePolicies sorts a statement's resources
            for (Topology.Region region : t.enabledRegions()) {
                Template regional = app.regional(region.name());
                Map<String, Map<String, Object>> machines = regional.findResources("AWS::StepFunctions::StateMachine");

                assertEquals(1, machines.size(), t.name() + " " + region.name());
                Map<String, Object> machine = properties(machines.values().iterator().next());
                assertEquals(name, machine.get("StateMachineName"));
                assertEquals(placeholders, new TreeSet<>(((Map<?, ?>) machine.get("DefinitionSubstitutions")).keySet().stream()
                        .map(String::valueOf).toList()), "substitutions of " + t.name() + " " + region.name());
                regional.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Action", "states:StartExecution", "Effect", "Allow", "Resource", everyRegionsMachine)))))));
                regional.hasResourceProperties("AWS::Lambda::Function", Map.of("FunctionName", t.name() + "-detector",
                        "Environment", Map.of("Variables", Match.objectLike(Map.of("CROSSFADE_STATE_MACHINE_NAME", name)))));
            }
        }
    }

    @Test
    void workflowTargets_shouldNameResourcesThatExistInEachRegionsTemplate() throws IOException {
        for (SynthesizedApp app : apps()) {
            Topology t = app.topology();
            boolean rds = t.database().engine() == Topology.Engine.RDS_POSTGRES;
            for (Topology.Region from : t.enabledRegions()) {
                JsonNode targets = workflowRegions(app.regional(from.name()));

                assertEquals(t.enabledRegions().stream().map(Topology.Region::name).sorted().toList(),
                        iterable(targets.fieldNames()).stream().sorted().toList());
                for (Topology.Region region : t.enabledRegions()) {
                    JsonNode target = targets.get(region.name());
                    Template there = app.regional(region.name());
                    there.hasResourceProperties("AWS::ECS::Cluster", Map.of("ClusterName", target.get("ecsCluster").asText()));
                    there.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("ServiceName", target.get("ecsService").asText())));
                    there.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", target.get("healthAlarm").asText(),
                            "MetricName", "HealthyHostCount"));
                    assertEquals(region.desiredCount(), target.get("desiredCount").asInt());
                    if (rds) {
                        there.hasResourceProperties("AWS::RDS::DBInstance", Match.objectLike(Map.of(
                                "DBInstanceIdentifier", target.get("dbInstanceId").asText(),
                                "DBParameterGroupName", Match.anyValue())));
                        there.hasResourceProperties("AWS::RDS::DBParameterGroup", Match.objectLike(Map.of(
                                "DBParameterGroupName", target.get("dbParameterGroup").asText())));
                        there.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", target.get("dbKmsKeyId").asText()
                                .replaceFirst("^arn:aws:kms:" + region.name() + ":" + SynthesizedApp.ACCOUNT + ":", ""),
                                "TargetKeyId", Match.anyValue()));
                    } else {
                        there.hasResourceProperties("AWS::RDS::DBCluster", Match.objectLike(Map.of(
                                "DBClusterIdentifier", target.get("dbClusterId").asText())));
                        assertEquals("arn:aws:rds:" + region.name() + ":" + SynthesizedApp.ACCOUNT + ":cluster:"
                                + target.get("dbClusterId").asText(), target.get("dbClusterArn").asText());
                    }
                }
            }
        }
    }

    @Test
    void globalStack_shouldRouteEachRegionOnItsEndpointItsRoutingControlAndItsVetoTogether() {
        for (SynthesizedApp app : apps()) {
            Topology t = app.topology();
            Template global = app.global();
            for (Topology.Region region : t.enabledRegions()) {
                String holder = dev.crossfade.topology.VetoHolder.of(t, region.name()).orElseThrow();
                String vetoAlarm = FailoverWorkflow.vetoAlarmName(t.name(), region.name());
                // the veto alarm lives in the holder's regional stack only, never in the vetoed region's
                for (Topology.Region other : t.enabledRegions()) {
                    int found = app.regional(other.name()).findResources("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                            "Properties", Match.objectLike(Map.of("AlarmName", vetoAlarm))))).size();
                    assertEquals(other.name().equals(holder) ? 1 : 0, found, vetoAlarm + " in " + other.name() + " of " + t.name());
                }
                app.regional(holder).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", vetoAlarm,
                        "Namespace", "Crossfade/Routing", "MetricName", "RoutingVeto", "Period", 60,
                        "Dimensions", List.of(Map.of("Name", "Application", "Value", t.name()), Map.of("Name", "Region", "Value", region.name()))));
                String veto = Templates.onlyLogicalId(global, "AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Map.of(
                        "Type", "CLOUDWATCH_METRIC", "AlarmIdentifier", Map.of("Name", vetoAlarm, "Region", holder),
                        "InsufficientDataHealthStatus", "LastKnownStatus")));
                String alarm = t.name() + "-routing-" + region.name();
                app.regional(region.name()).hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("AlarmName", alarm,
                        "Namespace", "Crossfade/Routing", "Period", 60));
                String routing = Templates.onlyLogicalId(global, "AWS::Route53::HealthCheck", Map.of("HealthCheckConfig", Map.of(
                        "Type", "CLOUDWATCH_METRIC", "AlarmIdentifier", Map.of("Name", alarm, "Region", region.name()),
                        // Route 53 reads the metric data: a fence published once must not read Healthy when it goes stale
                        "InsufficientDataHealthStatus", "LastKnownStatus")));
                String endpoint = Templates.onlyLogicalId(global, "AWS::Route53::HealthCheck", Match.objectLike(Map.of(
                        "HealthCheckTags", Match.arrayWith(List.of(Map.of("Key", "Name", "Value", t.name() + "-" + region.name() + "-health-check"))))));
                String combined = Templates.onlyLogicalId(global, "AWS::Route53::HealthCheck", Match.objectLike(Map.of(
                        "HealthCheckConfig", Map.of("Type", "CALCULATED", "HealthThreshold", 3, "ChildHealthChecks", List.of(
                                Templates.getAtt(endpoint, "HealthCheckId"), Templates.getAtt(routing, "HealthCheckId"),
                                Templates.getAtt(veto, "HealthCheckId"))))));

                Map<String, Map<String, Object>> records = global.findResources("AWS::Route53::RecordSet", Map.of("Properties",
                        Match.objectLike(Map.of("SetIdentifier", Match.stringLikeRegexp("^" + region.name() + ".*")))));
                assertFalse(records.isEmpty(), "no record for " + region.name() + " in " + t.name());
                for (Map<String, Object> record : records.values()) {
                    assertEquals(Templates.getAtt(combined, "HealthCheckId"), properties(record).get("HealthCheckId"),
                            t.name() + " record " + properties(record).get("SetIdentifier"));
                }
            }
        }
    }

    @Test
    void failoverDashboard_shouldExistOnceInTheGlobalStack() {
        for (SynthesizedApp app : apps()) {
            int dashboards = 0;
            for (String stack : app.stackNames()) {
                dashboards += app.template(stack).findResources("AWS::CloudWatch::Dashboard").size();
            }

            assertEquals(1, dashboards, app.topology().name());
            app.global().hasResourceProperties("AWS::CloudWatch::Dashboard", Map.of(
                    "DashboardName", app.topology().name() + "-failover", "DashboardBody", Match.anyValue()));
        }
    }

    @Test
    void bootstrapPhase_shouldLeaveTheNonPrimaryBucketsWithoutReplicationRules() {
        App app = new App(AppProps.builder().context(Map.of(ReplicationPhase.CONTEXT, "bootstrap")).build());
        CrossfadeApp.Stacks stacks = CrossfadeApp.compose(app, Examples.load(Examples.LATENCY), Optional.of(SynthesizedApp.ACCOUNT));

        assertNull(replication(stacks, "ap-south-1"), "the non-primary bucket must not replicate yet");
        assertTrue(replication(stacks, "us-east-1") != null, "the primary's rules are complete in the bootstrap phase");
        assertTrue(Apps.latency().storageStack("ap-south-1").buckets().buckets().values().stream()
                .allMatch(b -> ((CfnBucket) b.getNode().getDefaultChild()).getReplicationConfiguration() != null),
                "without the switch, active-active replicates both ways");
    }

    @Test
    void unknownReplicationPhase_shouldBeRefusedNamingTheContextKey() {
        App app = new App(AppProps.builder().context(Map.of(ReplicationPhase.CONTEXT, "first")).build());

        var error = assertThrows(AppInputException.class,
                () -> CrossfadeApp.compose(app, Examples.load(Examples.SEED), Optional.empty()));

        assertEquals("context replicationPhase must be one of bootstrap, full, got 'first'", error.getMessage());
    }

    private static List<SynthesizedApp> apps() {
        return List.of(Apps.seed(), Apps.latency(), Apps.geo(), Apps.threeRegionsRds());
    }

    private static Set<String> aslPlaceholders() throws IOException {
        Set<String> placeholders = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(
                Files.readString(Examples.repoRoot().resolve(FailoverWorkflow.DEFINITION_FILE)));
        while (m.find()) {
            placeholders.add(m.group(1));
        }
        assertFalse(placeholders.isEmpty());
        return placeholders;
    }

    /** The workflow functions' CROSSFADE_REGIONS, the same in every step function of a stack. */
    private static JsonNode workflowRegions(Template regional) throws IOException {
        Map<String, Map<String, Object>> functions = regional.findResources("AWS::Lambda::Function", Map.of("Properties",
                Match.objectLike(Map.of("FunctionName", Match.stringLikeRegexp(".*-failover-CheckPreflight")))));
        assertEquals(1, functions.size());
        Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) properties(functions.values().iterator().next()).get("Environment")).get("Variables");
        return new ObjectMapper().readTree((String) variables.get("CROSSFADE_REGIONS"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static Object replication(CrossfadeApp.Stacks stacks, String region) {
        StorageStack storage = stacks.storage().stream().filter(s -> s.getRegion().equals(region)).findFirst().orElseThrow();
        var bucket = storage.buckets().buckets().values().iterator().next();
        return ((CfnBucket) bucket.getNode().getDefaultChild()).getReplicationConfiguration();
    }
}
