package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.chaos.ScheduleJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code crossfade chaos --local} (docs/chaos.md): bad schedule files exit 2 naming the file and
 * the step; the CI seeds run through the real lab; hand-written and shrunk
 * schedules replay.
 */
class ChaosCommandTest {

    private static final String SEED = CliRun.path("examples/seed-active-passive.yaml");
    private static final Path RESOURCES = CliRun.repoRoot().resolve("cli/src/test/resources/dev/crossfade/cli/chaos");

    @TempDir
    Path dir;

    private Path file(String text) throws Exception {
        Path f = dir.resolve("schedule.json");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void withoutLocal_exits2() {
        CliRun r = CliRun.of("chaos", "--topology", SEED);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--local"), r.err());
    }

    @Test
    void aScheduleThatIsNotJson_exits2NamingTheFile() throws Exception {
        Path f = file("{\"steps\": [");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(f.toString()) && r.err().contains("not JSON"), r.err());
    }

    @Test
    void anUnknownFaultKind_exits2NamingTheStepAndTheKinds() throws Exception {
        Path f = file("{\"steps\": [{\"wait\": 5}, {\"fault\": \"meteor\", \"region\": \"us-east-1\"}]}");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains(f + ", step 2") && r.err().contains("meteor") && r.err().contains("region-outage"), r.err());
    }

    @Test
    void aRegionNotInTheTopology_exits2NamingTheStepAndTheEnabledRegions() throws Exception {
        Path f = file("{\"steps\": [{\"fault\": \"health\", \"region\": \"us-east-1\"}, {\"heal\": \"ap-south-1\"}]}");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("step 2") && r.err().contains("ap-south-1") && r.err().contains("[us-east-1, eu-west-1]"), r.err());
    }

    @Test
    void badSteps_exit2NamingTheStep() throws Exception {
        for (String[] c : List.of(new String[]{"{\"wait\": -1}", "whole number"}, new String[]{"{\"wait\": 1.5}", "whole number"},
                new String[]{"{\"await\": \"done\"}", "settled"}, new String[]{"{\"fault\": \"health\", \"region\": \"us-east-1\", \"peer\": \"eu-west-1\"}",
                        "only a partition"}, new String[]{"{\"jump\": 1}", "expected one of"}, new String[]{"[]", "a step is an object"},
                new String[]{"{\"heal\": \"all\", \"region\": \"x\"}", "unknown key"})) {
            Path f = file("{\"steps\": [{\"await\": \"settled\"}, " + c[0] + "]}");
            CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", f.toString());
            assertEquals(2, r.exitCode(), c[0] + ": " + r.err());
            assertTrue(r.err().contains("step 2") && r.err().contains(c[1]), c[0] + ": " + r.err());
        }
        Path f = file("{\"schedule\": []}");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("{\"steps\": [STEP, ...]}"), r.err());
    }

    /**
     * The CI run: two fixed seeds on the seed topology through the real lab (seed 9: a partition of
     * the standby; seed 10: the standby's health fails). Every schedule
     * has its line, the summary counts them, the exit code follows the violations, the report lists
     * every schedule, and each violation's schedule file is a schedule that parses; and neither breaks an invariant.
     */
    @Test
    void ciSeeds_runThroughTheLab_withOneLinePerScheduleTheSummaryAndAReplayFilePerViolation() throws Exception {
        Path report = dir.resolve("chaos.json");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--schedules", "2", "--seed", "9", "--shrink-runs", "0",
                "--replays", dir.resolve("replays").toString(), "--report", report.toString(), "--time-scale", "50");
        assertTrue(r.out().contains("schedule 1/2 seed 9 partition-between") && r.out().contains("schedule 2/2 seed 10 standby"), r.out());
        Matcher m = Pattern.compile("schedules: 2, violations: (\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        int violations = Integer.parseInt(m.group(1));
        assertEquals(violations == 0 ? 0 : 1, r.exitCode(), r.out() + r.err());
        // these two seeds broke nothing on main (docs/chaos.md "Findings"): the CI run is a gate
        assertEquals(0, violations, r.out());
        JsonNode doc = new ObjectMapper().readTree(report.toFile());
        assertEquals(2, doc.path("schedules").size());
        assertEquals(violations, doc.path("summary").path("violations").asInt());
        int listed = 0;
        for (JsonNode s : doc.path("schedules")) {
            assertTrue(s.path("steps").size() > 0 && s.path("wallMillis").asLong() > 0, s.toString());
            for (JsonNode v : s.path("violations")) {
                listed++;
                assertTrue(Files.isRegularFile(Path.of(v.path("replay").asText())), v.toString());
                ScheduleJson.read(Path.of(v.path("replay").asText()));
                assertTrue(r.out().contains("invariant " + v.path("invariant").asText() + " broken"), r.out());
            }
        }
        assertEquals(violations, listed);
    }

    /** The longer replays run only with {@code -Dcrossfade.chaos.regressions=all}. */
    private static boolean all() {
        return "all".equals(System.getProperty("crossfade.chaos.regressions"));
    }

    /**
     * Issue 13's user scenario on three rds-postgres regions: an outage of us-east-1, heal, then (after
     * the cooldown) an outage of eu-west-1. On main before the writer guard, the routing veto and
     * {@code notFollowing}, us-east-1 came back as a second writer that DNS answered, and the second
     * failover went toward it (refused: no replica of the writer) instead of ap-south-1.
     */
    @Test
    void replay_outageHealOutage_onThreeRegions_breaksNoInvariant() {
        org.junit.jupiter.api.Assumptions.assumeTrue(all(), "a two-minute replay: -Dcrossfade.chaos.regressions=all");
        CliRun r = CliRun.of("chaos", "--local", "--topology", CliRun.path("local/src/test/resources/topologies/three-regions-rds.yaml"),
                "--replay", RESOURCES.resolve("outage-heal-outage.json").toString());
        assertTrue(r.out().contains("schedules: 1, violations: 0"), r.out() + r.err());
        assertEquals(0, r.exitCode());
    }

    /**
     * The same on the seed's two regions, as a user would run it: with two regions the only other
     * database after the first failover is the old primary, so an operator fails back to it before the
     * second outage (which then is a standby's).
     */
    @Test
    void replay_outageHealFailbackOutage_onTheSeed_breaksNoInvariant() {
        org.junit.jupiter.api.Assumptions.assumeTrue(all(), "a two-minute replay: -Dcrossfade.chaos.regressions=all");
        CliRun r = CliRun.of("chaos", "--local", "--topology", SEED, "--replay", RESOURCES.resolve("outage-heal-failback-outage.json").toString());
        assertTrue(r.out().contains("schedules: 1, violations: 0"), r.out() + r.err());
        assertEquals(0, r.exitCode());
    }

    static Stream<Path> regressions() throws Exception {
        try (Stream<Path> files = Files.list(RESOURCES.resolve("regressions"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    /**
     * The regression replay CI runs (the shortest of them): the smallest schedule breaking chaos
     * findings 1 and 2 on the seed (outage, settle, heal, settle). {@code -Dcrossfade.chaos.regressions=all}
     * replays every file (docs/chaos.md, "Findings").
     */
    static final java.util.Set<String> IN_CI = java.util.Set.of("seed-active-passive--seed-7-healthy-writer-in-traffic.json");

    static Stream<Path> replayedRegressions() throws Exception {
        return regressions().filter(f -> all() || IN_CI.contains(f.getFileName().toString()));
    }

    /**
     * Schedules a chaos run found breaking an invariant on main (regressions/TOPOLOGY--seed-S-PATTERN.json, shrunk
     * where shrinking found something smaller; docs/chaos.md "Findings" lists what each broke) replay with no
     * violation: on main before the writer guard and the routing veto (issue 13) each of them broke single-writer and
     * no-lost-writes once the old primary came back, and the returning detector's belief.
     */
    @ParameterizedTest
    @MethodSource("replayedRegressions")
    void regression_replaysWithNoViolation(Path schedule) {
        String name = schedule.getFileName().toString();
        String topology = CliRun.path(name.startsWith("three-regions-rds") ? "local/src/test/resources/topologies/three-regions-rds.yaml"
                : "examples/seed-active-passive.yaml");
        CliRun r = CliRun.of("chaos", "--local", "--topology", topology, "--replay", schedule.toString());
        assertTrue(r.out().contains("schedules: 1, violations: 0"), name + ": " + r.out() + r.err());
    }
}
