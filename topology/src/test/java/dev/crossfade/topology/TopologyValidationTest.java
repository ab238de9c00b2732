package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One failing file per rule of docs/topology.md: each must be rejected with the key path named. */
class TopologyValidationTest {

    static String resource(String name) {
        try (InputStream in = Objects.requireNonNull(TopologyValidationTest.class.getResourceAsStream("/" + name), () -> "no test resource " + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Problem> problemsOf(String file) {
        TopologyException e = assertThrows(TopologyException.class, () -> TopologyParser.parse(resource(file), file));
        return e.problems();
    }

    @Test
    void validBase_shouldParse() {
        Topology t = TopologyParser.parse(resource("valid-base.yaml"), "valid-base.yaml");
        assertEquals("shop-prod", t.name());
        assertEquals("us-east-1", t.primaryRegion().name());
        assertEquals(List.of("us-east-1", "eu-west-1"), t.enabledRegions().stream().map(Topology.Region::name).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            no-primary                      | regions                       | exactly one enabled region must be primary
            two-primaries                   | regions.eu-west-1.primary     | two primaries
            primary-disabled                | regions.us-east-1.primary     | the primary region must be enabled
            one-enabled-region              | regions                       | at least two enabled regions are required, found 1
            overlapping-cidrs               | regions.eu-west-1.vpcCidr     | overlaps regions.us-east-1.vpcCidr
            unknown-region                  | regions.eu-west-9             | unknown AWS region code 'eu-west-9'
            min-above-desired               | regions.eu-west-1.minCount    | minCount 3 is greater than desiredCount 2
            desired-above-max               | regions.us-east-1.desiredCount| desiredCount 11 is greater than maxCount 10
            interval-not-10-or-30           | healthCheck.intervalSeconds   | must be 10 or 30, found 15
            threshold-out-of-range          | healthCheck.failureThreshold  | must be 1..10, found 11
            weight-out-of-range             | regions.us-east-1.weight      | must be 0..255, found 256
            geo-region-without-continents   | regions.us-east-1.continents  | geolocation routing needs continents
            geo-unknown-continent           | regions.us-east-1.continents[0] | unknown continent code 'NX'
            geo-no-default                  | regions                       | needs one enabled region whose continents include 'default'
            duplicate-priority              | regions.eu-west-1.priority    | priority 1 is also used by us-east-1
            table-without-partition-key     | replication.dynamodbTables[0].partitionKey | required key is missing
            unknown-key                     | regions.us-east-1.dbMultiAZ   | unknown key 'dbMultiAZ'
            notification-bad-email          | notifications.emails[1]       | must be an email address like oncall@example.com, found 'not an address'
            notification-bad-topic-arn      | notifications.topicArns[0]    | must be a standard SNS topic ARN
            notification-topic-other-region | notifications.topicArns[0]    | topic region ap-south-1 is not an enabled region
            approval-timeout-out-of-range   | failover.approvalTimeoutMinutes | must be 1..90
            """)
    void ruleBroken_shouldRejectWithKeyPath(String file, String path, String message) {
        List<Problem> problems = problemsOf("invalid/" + file + ".yaml");

        assertTrue(problems.stream().anyMatch(p -> p.path().equals(path) && p.message().contains(message)),
                () -> "expected a problem at " + path + " saying '" + message + "', got " + problems);
    }

    @Test
    void notificationsAndApprovalTimeout_shouldParseWithDefaultsWhenAbsent() {
        Topology absent = TopologyParser.parse(resource("valid-base.yaml"), "valid-base.yaml");
        Topology given = TopologyParser.parse(resource("valid-base.yaml").replace("  approvalForDataLoss: true\n",
                "  approvalForDataLoss: true\n  approvalTimeoutMinutes: 15\n")
                + "notifications:\n  emails: [oncall@example.com]\n  topicArns: [\"arn:aws:sns:eu-west-1:123456789012:ops\"]\n", "given");

        assertEquals(Topology.Notifications.NONE, absent.notifications());
        assertEquals(60, absent.failover().approvalTimeoutMinutes());
        assertEquals(15, given.failover().approvalTimeoutMinutes());
        assertEquals(List.of("oncall@example.com"), given.notifications().emails());
        assertEquals(List.of("arn:aws:sns:eu-west-1:123456789012:ops"), given.notifications().topicArns());
    }

    @Test
    void problemsAtAKey_shouldCarryItsLine() {
        Problem problem = problemsOf("invalid/unknown-key.yaml").get(0);

        assertEquals(23, problem.line(), problem.toString());
    }

    @Test
    void severalMistakes_shouldAllBeReportedAtOnce() {
        String text = resource("valid-base.yaml")
                .replace("  intervalSeconds: 10\n", "  intervalSeconds: 15\n")
                .replace("    weight: 50\n", "    weight: 300\n")
                .replace("10.1.0.0/16", "10.0.0.0/16");

        TopologyException e = assertThrows(TopologyException.class, () -> TopologyParser.parse(text, "t.yaml"));

        List<String> paths = e.problems().stream().map(Problem::path).toList();
        assertTrue(paths.containsAll(List.of("healthCheck.intervalSeconds", "regions.us-east-1.weight", "regions.eu-west-1.vpcCidr")),
                paths.toString());
    }

    @Test
    void typoAmongUnknownKeys_shouldBeReportedTogetherWithTypeErrors() {
        String text = resource("valid-base.yaml")
                .replace("project: shop\n", "projct: shop\n")
                .replace("    desiredCount: 3\n", "    desiredCount: three\n");

        List<String> paths = assertThrows(TopologyException.class, () -> TopologyParser.parse(text, "t.yaml"))
                .problems().stream().map(Problem::path).toList();

        assertTrue(paths.containsAll(List.of("projct", "project", "regions.us-east-1.desiredCount")), paths.toString());
    }

    @Test
    void disabledRegionWithOverlappingCidr_shouldBeIgnoredForOverlap() {
        String text = resource("valid-base.yaml").replace("regions:\n", """
                regions:
                  sa-east-1:
                    enabled: false
                    priority: 9
                    vpcCidr: 10.0.0.0/16
                """);

        Topology t = TopologyParser.parse(text, "t.yaml");

        assertEquals(2, t.enabledRegions().size());
        assertEquals(3, t.regions().size());
    }

    @Test
    void notYaml_shouldBeAFileProblemWithLine() {
        List<Problem> problems = assertThrows(TopologyException.class,
                () -> TopologyParser.parse("project: [unclosed\nenvironment: x\n", "bad.yaml")).problems();

        assertEquals("(file)", problems.get(0).path());
        assertTrue(problems.get(0).line() > 0, problems.toString());
    }

    @Test
    void duplicateKey_shouldBeRejected() {
        String text = resource("valid-base.yaml").replace("environment: prod\n", "environment: prod\nenvironment: dev\n");

        List<Problem> problems = assertThrows(TopologyException.class, () -> TopologyParser.parse(text, "t.yaml")).problems();

        assertTrue(problems.get(0).message().contains("duplicate key"), problems.toString());
    }

    @Test
    void jsonFile_shouldParseLikeYaml() {
        String json = """
                {"project": "shop", "environment": "dev", "mode": "active-active",
                 "domain": {"name": "api.example.com", "hostedZoneId": "Z123"},
                 "routing": "weighted",
                 "app": {"image": "nginx", "containerPort": 80},
                 "regions": {
                   "us-east-1": {"primary": true, "priority": 1, "vpcCidr": "10.0.0.0/16", "weight": 200},
                   "eu-west-1": {"priority": 2, "vpcCidr": "10.1.0.0/16", "weight": 55}},
                 "database": {"engine": "rds-postgres", "engineVersion": "15.4"}}
                """;

        Topology t = TopologyParser.parse(json, "t.json");

        assertEquals(Topology.Routing.WEIGHTED, t.routing());
        assertEquals(200, t.regions().get("us-east-1").weight().orElseThrow());
        assertEquals("/health", t.app().healthPath());
        assertEquals(false, t.failover().automatic());
    }

    @Test
    void checkerRegionRoute53CannotUse_shouldBeNamed() {
        String text = resource("valid-base.yaml").replace("[us-east-1, us-west-2, eu-west-1]", "[us-east-1, us-west-2, ap-south-1]");

        List<Problem> problems = assertThrows(TopologyException.class, () -> TopologyParser.parse(text, "t.yaml")).problems();

        assertEquals("healthCheck.checkerRegions[2]", problems.get(0).path(), problems.toString());
        assertTrue(problems.get(0).message().contains("Route 53 cannot run health checks from 'ap-south-1'"), problems.toString());
    }

    @Test
    void weightedRoutingWithoutWeights_shouldNameTheRegion() {
        String text = resource("valid-base.yaml").replace("routing: failover", "routing: weighted").replace("    weight: 50\n", "");

        List<String> paths = assertThrows(TopologyException.class, () -> TopologyParser.parse(text, "t.yaml"))
                .problems().stream().map(Problem::path).toList();

        assertTrue(paths.contains("regions.us-east-1.weight"), paths.toString());
    }
}
