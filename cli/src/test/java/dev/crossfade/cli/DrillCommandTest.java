package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crossfade drill --local} end to end: emulated AWS, real detectors, real ASL, a real fault. */
class DrillCommandTest {

    private static final String FAST = "50";

    @TempDir
    Path dir;

    /**
     * The seed, its account changed (the drill runs moto in the topology's account, so that the
     * ARNs built from it name what moto created), {@code --quiet}: one drill for the three, as
     * each costs a whole lab.
     */
    @Test
    void seedPrimaryFails_inAnotherAccount_quiet_shouldPromoteEuWest1AndMoveAllTrafficThere() throws Exception {
        Path html = dir.resolve("r.html");
        Path topology = dir.resolve("other-account.yaml");
        Files.writeString(topology, Files.readString(CliRun.repoRoot().resolve("examples/seed-active-passive.yaml"))
                .replaceFirst("(?m)^account: .*$", "account: \"210987654321\""));
        Path reportFile = dir.resolve("r.json");
        CliRun run = CliRun.of("drill", "--local", "--quiet", "--time-scale", FAST, "--topology", topology.toString(),
                "--report", reportFile.toString(), "--fault", "health", "--html", html.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode report = new ObjectMapper().readTree(reportFile.toFile());
        // --quiet: no live line at all, the summary and the report as always
        assertFalse(run.out().contains("s] "), run.out());
        assertFalse(run.out().contains("waiting for"), run.out());
        assertTrue(run.out().startsWith("\nPhase timeline: shop-prod") || run.out().startsWith("Phase timeline: shop-prod"), run.out());
        assertTrue(run.out().contains("Recovery time (RTO):") && run.out().contains("report: "), run.out());
        assertTrue(report.path("events").toString().contains("started (step PromoteDatabase)"),
                "the timeline lines are kept for the report: " + report.path("events"));

        assertEquals("shop-prod", report.path("topology").asText());
        assertEquals("us-east-1", report.path("failedRegion").asText());
        assertEquals("eu-west-1", report.path("newPrimary").asText());
        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("eu-west-1", report.path("finalState").path("writerRegion").asText());
        assertEquals(Map.of("us-east-1", 0, "eu-west-1", 100), traffic(report));
        assertEquals("eu-west-1", report.path("finalState").path("dnsAnswerRegion").asText());
        assertEquals(List.of("detection", "decision", "fencing", "promotion", "traffic-shift", "verification"),
                report.path("phases").findValuesAsText("name"));
        assertMeasured(report);
        assertTrue(mutations(report).contains("rds PromoteReadReplica eu-west-1"), mutations(report).toString());
        assertEquals(50.0, report.path("timeScale").asDouble());
        assertTrue(Files.readString(html).contains("eu-west-1"));
        assertEquals("health", report.path("fault").asText());
        JsonNode modelled = report.path("modelledPromotion");
        assertEquals("rds-postgres", modelled.path("engine").asText(), report.toString());
        assertEquals(300_000, modelled.path("millis").asLong());
        assertTrue(modelled.path("source").asText().contains("USER_ReadRepl.Promote"), modelled.toString());
        long measuredPromotion = StreamSupport.stream(report.path("phases").spliterator(), false)
                .filter(p -> p.path("name").asText().equals("promotion")).findFirst().orElseThrow().path("endMillis").asLong()
                - StreamSupport.stream(report.path("phases").spliterator(), false)
                .filter(p -> p.path("name").asText().equals("promotion")).findFirst().orElseThrow().path("startMillis").asLong();
        assertEquals(measuredPromotion, modelled.path("measuredPromotionMillis").asLong(), "the measured figure is kept apart, as measured");
        assertEquals(report.path("equivalentRtoMillis").asLong() - measuredPromotion + 300_000, modelled.path("rtoMillis").asLong());
        assertTrue(java.time.Instant.parse(report.path("startedAt").asText()).isBefore(java.time.Instant.now()));
        assertTrue(report.path("executionName").asText().startsWith("us-east-1-to-eu-west-1"), report.path("executionName").toString());
        assertWritesMeasured(report, "us-east-1", "eu-west-1");
        assertTrue(Files.readString(html).contains("acknowledged writes per second by region"), "the write timeline is drawn");
        assertRendersInChromium(html);
    }

    /** The default fault: us-east-1 goes entirely (app, database, AWS endpoints); eu-west-1's detector decides alone. */
    @Test
    void regionOutageOfThePrimary_shouldFailOverWithRealWritesMeasured() throws Exception {
        // quorum 1: with the region gone, eu-west-1's canary is the one signal that still arrives (the seed's quorum 2 is
        // out of reach in a whole-region outage: issue "Detection that never goes blind", item 5)
        Path topology = dir.resolve("seed-quorum-1.yaml");
        Files.writeString(topology, Files.readString(Path.of(CliRun.path("examples/seed-active-passive.yaml")))
                .replace("quorum: 2 ", "quorum: 1 "));
        String repositoryBefore = DrillCleanupTest.gitStatus();
        CliRun run = CliRun.of("drill", "--local", "--time-scale", FAST, "--topology", topology.toString(),
                "--report", dir.resolve("r.json").toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("r.json").toFile());

        java.util.regex.Matcher scratch = java.util.regex.Pattern.compile("temporary files in (\\S+) \\(removed").matcher(run.out());
        assertTrue(scratch.find(), run.out());
        assertFalse(Files.exists(Path.of(scratch.group(1))), "the drill removed its temporary folder " + scratch.group(1));
        assertEquals(repositoryBefore, DrillCleanupTest.gitStatus(), "the drill adds no file to the repository");
        assertEquals("region-outage", report.path("fault").asText());
        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("eu-west-1", report.path("finalState").path("writerRegion").asText(), "the crashed writer takes no writes");
        assertEquals("eu-west-1", report.path("finalState").path("dnsAnswerRegion").asText());
        assertWritesMeasured(report, "us-east-1", "eu-west-1");
        assertTrue(run.out().contains("alarm events raised in us-east-1 are lost with it"), run.out());
        assertTrue(run.out().contains("Writes:"), run.out());
        assertFalse(mutations(report).stream().anyMatch(m -> m.endsWith(" us-east-1") && m.startsWith("rds")),
                "nothing reached the region that is gone: " + mutations(report));
        assertLiveProgress(run.out());
        assertEmulatorOverheadMeasured(report, run.out());
    }

    /** The emulator's time on the critical path: its four parts add up, and the calls the region that is out refused stay in. */
    private static void assertEmulatorOverheadMeasured(JsonNode report, String out) {
        JsonNode o = report.path("emulatorOverhead");
        assertTrue(o.isObject(), report.toString());
        assertEquals(o.path("millis").asLong(), o.path("aroundTasksMillis").asLong() + o.path("awsCallsMillis").asLong()
                + o.path("betweenStatesMillis").asLong() + o.path("detectorCallsMillis").asLong(), o.toString());
        assertTrue(o.path("tasks").asInt() >= 6 && o.path("awsCalls").asInt() >= o.path("tasks").asInt(), "every step calls AWS: " + o);
        assertTrue(o.path("betweenStatesMillis").asLong() > 0 && o.path("detectorCallsMillis").asLong() > 0, o.toString());
        assertTrue(o.path("failedCalls").asInt() > 0, "the fence's call to the region that is out fails, and is kept: " + o);
        assertEquals(Math.max(0, report.path("rtoMillis").asLong() - o.path("millis").asLong()), o.path("rtoWithoutEmulatorMillis").asLong());
        assertTrue(out.contains("Without emulator:") && out.contains("that failed (a region that is out refusing them"), out);
    }

    /**
     * The workflow's phases are printed as the execution history shows them, before the line that
     * the execution ended; the quiet waits say what they wait for.
     */
    private static void assertLiveProgress(String out) {
        List<String> inOrder = List.of("waiting for the databases", "waiting for every alarm OK", "fault injected",
                "decision: quorum reached", "detector in eu-west-1: FAILOVER", "workflow: step AcquireLock", "fencing: started (step FenceOldPrimary)",
                "fencing: ended, took", "promotion: started (step PromoteDatabase)", "promotion: ended, took",
                "traffic-shift: started (step ShiftTraffic)", "traffic-shift: ended, took", "verification: started (step VerifyTarget)",
                "verification: ended, took", "verification: execution SUCCEEDED", "Phase timeline:");
        int at = -1;
        for (String line : inOrder) {
            int next = out.indexOf(line, at + 1);
            assertTrue(next > at, "'" + line + "' after the lines before it in:\n" + out);
            at = next;
        }
    }

    @Test
    void unknownFault_shouldExit2NamingTheKinds() {
        CliRun run = CliRun.of("drill", "--local", "--fault", "meteor");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--fault meteor is not a fault kind; kinds: region-outage, health, partition, replication-lag, flap"),
                run.err());
    }

    /** Writes were acknowledged in both regions (before and after the failover), and the loss was measured, not assumed. */
    private static void assertWritesMeasured(JsonNode report, String before, String after) {
        JsonNode data = report.path("data");
        assertTrue(data.path("acknowledgedWrites").asLong() > 0, data.toString());
        int beforeCount = 0;
        for (JsonNode n : data.path("writesPerSecond").path(before)) {
            beforeCount += n.asInt();
        }
        int afterCount = 0;
        for (JsonNode n : data.path("writesPerSecond").path(after)) {
            afterCount += n.asInt();
        }
        assertTrue(beforeCount > 0 && afterCount > 0, "writes acknowledged by " + before + " and then by " + after + ": " + data);
        assertEquals(data.path("acknowledgedWrites").asLong(), beforeCount + afterCount);
        assertEquals(data.path("lostWrites").asLong(), data.path("lostAtMillis").size());
        assertEquals(report.path("dataLossWindowMillis").asLong(), data.path("dataLossWindowMillis").asLong());
        assertTrue(data.path("writeUnavailableMillis").asLong() > 0, "writes stopped during the failover: " + data);
    }

    @Test
    void activeActivePrimaryFails_shouldMoveTheGlobalWriterAndTrafficToApSouth1() throws Exception {
        JsonNode report = drill(0, "--fault", "health", "--topology", CliRun.path("examples/active-active-latency.yaml"));

        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("ap-south-1", report.path("finalState").path("writerRegion").asText());
        assertEquals(Map.of("us-east-1", 0, "ap-south-1", 100), traffic(report));
        assertTrue(mutations(report).contains("rds FailoverGlobalCluster us-east-1")
                || mutations(report).stream().anyMatch(m -> m.contains("GlobalCluster")), mutations(report).toString());
        assertMeasured(report);
    }

    @Test
    void threeRegionPrimaryFails_shouldPromoteThePriorityTwoRegion() throws Exception {
        JsonNode report = drill(0, "--fault", "health", "--topology", CliRun.path("examples/three-region-geo.yaml"));

        assertEquals("SUCCEEDED", report.path("result").asText());
        assertEquals("eu-west-1", report.path("newPrimary").asText());
        assertEquals("eu-west-1", report.path("finalState").path("writerRegion").asText());
        assertEquals(0, traffic(report).get("us-east-1"));
        assertTrue(traffic(report).get("eu-west-1") > 0, traffic(report).toString());
        assertFalse(traffic(report).containsKey("sa-east-1"), "a disabled region has no place in the drill");
    }

    @Test
    void standbyFails_shouldPromoteNothingAndKeepTrafficOnThePrimary() throws Exception {
        JsonNode report = drill(0, "--fault", "health", "--fail", "eu-west-1");

        assertEquals("NO_FAILOVER", report.path("result").asText());
        assertTrue(report.path("newPrimary").isNull());
        assertEquals("us-east-1", report.path("finalState").path("writerRegion").asText());
        assertEquals(Map.of("us-east-1", 100, "eu-west-1", 0), traffic(report));
        assertEquals(List.of("detection"), report.path("phases").findValuesAsText("name"), "no decision to fail over was made");
        assertTrue(mutations(report).isEmpty(), "nothing changed: " + mutations(report));
    }

    @Test
    void unknownFailRegion_shouldExit2NamingTheEnabledRegions() {
        CliRun run = CliRun.of("drill", "--local", "--fail", "us-west-2", "--report", dir.resolve("r.json").toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--fail us-west-2 is not an enabled region of shop-prod; enabled: [us-east-1, eu-west-1]"), run.err());
        assertFalse(Files.exists(dir.resolve("r.json")));
    }

    @Test
    void timeScaleOutOfRange_shouldExit2() {
        CliRun run = CliRun.of("drill", "--local", "--time-scale", "0.5");

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("--time-scale 0.5"), run.err());
    }

    /** The seed's page rendered by headless Chromium is not blank; skipped only when no Chromium is on the PATH. */
    private void assertRendersInChromium(Path html) throws Exception {
        if (List.of("chromium", "chromium-browser", "google-chrome").stream().noneMatch(DrillCommandTest::onPath)) {
            System.err.println("Chromium is not installed: the screenshot check is skipped");
            return;
        }
        Path png = dir.resolve("r.png");

        Process shot = new ProcessBuilder(CliRun.path("scripts/screenshot-report.sh"), html.toString(), png.toString())
                .redirectErrorStream(true).start();
        String output = new String(shot.getInputStream().readAllBytes());
        assertTrue(shot.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");

        assertEquals(0, shot.exitValue(), output);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a PNG: " + png);
        long colours = java.util.stream.IntStream.range(0, image.getWidth() / 4).mapToLong(x -> image.getRGB(x * 4, image.getHeight() / 4))
                .distinct().count();
        assertTrue(colours > 1, "the page rendered blank");
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private JsonNode drill(int expectedExit, String... extra) throws Exception {
        Path report = dir.resolve("r.json");
        List<String> args = new java.util.ArrayList<>(List.of("drill", "--local", "--time-scale", FAST, "--report", report.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(expectedExit, run.exitCode(), run.out() + run.err());
        return new ObjectMapper().readTree(report.toFile());
    }

    private static Map<String, Integer> traffic(JsonNode report) {
        Map<String, Integer> traffic = new TreeMap<>();
        report.path("finalState").path("trafficByRegion").properties().forEach(e -> traffic.put(e.getKey(), e.getValue().asInt()));
        return traffic;
    }

    private static List<String> mutations(JsonNode report) {
        return StreamSupport.stream(report.path("mutations").spliterator(), false)
                .map(m -> m.path("service").asText() + " " + m.path("action").asText() + " " + m.path("region").asText()).toList();
    }

    /** Every phase has a positive measured length, in order, and the RTO spans them. */
    private static void assertMeasured(JsonNode report) {
        long previousEnd = 0;
        for (JsonNode phase : report.path("phases")) {
            long start = phase.path("startMillis").asLong();
            long end = phase.path("endMillis").asLong();
            assertTrue(start >= previousEnd - 5 && end > start, phase.toString());
            previousEnd = end;
        }
        long first = report.path("phases").get(0).path("startMillis").asLong();
        assertEquals(previousEnd - first, report.path("rtoMillis").asLong());
        assertTrue(report.path("phases").get(0).path("durationMillis").asLong() > 100, "detection waited on probes");
    }
}
