package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.remote.testutils.WorkflowInMoto;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * doctor against moto over HTTP. What moto answers decides some verdicts (docs/operations.md,
 * "Doctor"): it knows orderable DB options only for aurora-postgresql up to 15.2, and has the
 * Service Quotas of the vpc service only, so the rds-postgres orderable check FAILs and the Elastic
 * IP and accelerator quotas WARN here, where AWS answers them.
 */
class DoctorCommandTest {

    private static MotoServer moto;
    private static String zoneId;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        WorkflowInMoto.useTestCredentials();
        moto = MotoServer.start();
        try (Route53Client route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(moto.endpoint())
                .credentialsProvider(credentials()).build()) {
            // moto draws 22 characters of A-Z0-9, AWS's ids (and the topology's rule) start with Z: keep the first such zone
            for (int i = 0; zoneId == null && i < 600; i++) {
                String ref = "doctor-test-" + i;
                String id = route53.createHostedZone(r -> r.name("example.com").callerReference(ref)).hostedZone().id()
                        .replaceFirst("^/hostedzone/", "");
                if (id.startsWith("Z")) {
                    zoneId = id;
                }
            }
            assertTrue(zoneId != null, "moto made no hosted zone id starting with Z in 600 tries");
        }
        // bootstrapped in us-east-1 only: eu-west-1 is missing
        try (CloudFormationClient cfn = CloudFormationClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(credentials()).build()) {
            cfn.createStack(r -> r.stackName("CDKToolkit").templateBody("{\"Resources\":{\"Topic\":{\"Type\":\"AWS::SNS::Topic\"}}}"));
        }
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void seedInMoto_shouldReportEachCheckWithItsFixAndExitThreeOnAFail() throws Exception {
        CliRun run = CliRun.of("doctor", "--topology", topology(Map.of()).toString(), "--json",
                "--endpoint-url", moto.endpoint().toString());

        assertEquals(3, run.exitCode(), run.out() + run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        Map<String, String> verdicts = verdicts(report);
        assertEquals("PASS", verdicts.get("credentials global"));
        assertEquals("PASS", verdicts.get("cdk-bootstrap us-east-1"));
        assertEquals("FAIL", verdicts.get("cdk-bootstrap eu-west-1"));
        assertEquals("PASS", verdicts.get("hosted-zone global"));
        assertEquals("PASS", verdicts.get("instance-type us-east-1"));
        assertEquals("PASS", verdicts.get("quota-vpcs eu-west-1"));
        assertEquals("WARN", verdicts.get("quota-elastic-ips eu-west-1"));
        assertEquals("FAIL", verdicts.get("engine-orderable us-east-1"), "moto lists no orderable postgres options");
        assertEquals("PASS", verdicts.get("certificate global"));
        JsonNode bootstrap = find(report, "cdk-bootstrap", "eu-west-1");
        assertEquals("cdk bootstrap aws://123456789012/eu-west-1 (once per account and region)", bootstrap.path("fix").asText());
        assertEquals(report.path("checks").size(), report.path("summary").path("pass").asInt()
                + report.path("summary").path("warn").asInt() + report.path("summary").path("fail").asInt());
    }

    @Test
    void wrongZoneAccountAndCertificate_shouldFailNamingTheFix() throws Exception {
        String cert;
        try (AcmClient acm = AcmClient.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .credentialsProvider(credentials()).build()) {
            cert = acm.requestCertificate(r -> r.domainName("api.example.com")).certificateArn();
        }
        Path file = topology(Map.of("account: \"123456789012\"", "account: \"210987654321\"",
                "  name: api.example.com", "  name: api.example.org",
                "  healthPath: /health", "  healthPath: /health\n  certificateArn: " + cert));

        CliRun run = CliRun.of("doctor", "--topology", file.toString(), "--endpoint-url", moto.endpoint().toString());

        assertEquals(3, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("the credentials are of account 123456789012"), run.out());
        assertTrue(run.out().contains("which does not serve api.example.org"), run.out());
        assertTrue(run.out().contains("an ALB uses certificates of its own region only"), run.out());
        assertTrue(run.out().matches("(?s).*FAIL  certificate .*"), run.out());
        assertTrue(run.out().contains("fix: "), run.out());
    }

    private Path topology(Map<String, String> replacements) throws Exception {
        String text = Files.readString(CliRun.repoRoot().resolve("examples/seed-active-passive.yaml"))
                .replace("hostedZoneId: Z0123456789ABCDEFGHIJ", "hostedZoneId: " + zoneId);
        for (var e : replacements.entrySet()) {
            text = text.replace(e.getKey(), e.getValue());
        }
        Path file = dir.resolve("doctor.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> verdicts = new TreeMap<>();
        report.path("checks").forEach(c -> verdicts.put(c.path("name").asText() + " " + c.path("region").asText(), c.path("status").asText()));
        return verdicts;
    }

    private static JsonNode find(JsonNode report, String name, String region) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("name").asText().equals(name) && c.path("region").asText().equals(region)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " " + region + " in " + report);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    }
}
