package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthAndCostCommandTest {

    @TempDir
    Path tmp;

    @Test
    void synthSeed_shouldWriteAStackPerEnabledRegion() throws Exception {
        Path out = tmp.resolve("cdk.out");

        CliRun run = CliRun.of("synth", "--topology", CliRun.path("examples/seed-active-passive.yaml"), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("manifest.json")));
        assertTrue(Files.isRegularFile(out.resolve("shop-prod-us-east-1.template.json")), run.out());
        assertTrue(Files.isRegularFile(out.resolve("shop-prod-eu-west-1.template.json")), run.out());
        assertTrue(run.out().contains("wrote "), run.out());
        try (var leftovers = Files.list(tmp)) {
            assertEquals(1, leftovers.count(), "the scratch folder must be gone");
        }
    }

    @Test
    void synthInvalidTopology_shouldExitTwoAndWriteNothing() {
        Path out = tmp.resolve("cdk.out");

        CliRun run = CliRun.of("synth", "--topology", CliRun.path("topology/src/test/resources/invalid/two-primaries.yaml"),
                "--out", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("regions.eu-west-1.primary"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void synthIntoAFolderOfOtherFiles_shouldRefuseWithExitTwo() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(out.resolve("notes.txt"), "keep me");

        CliRun run = CliRun.of("synth", "-t", CliRun.path("examples/seed-active-passive.yaml"), "-o", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("is not an earlier cloud assembly"), run.err());
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void costSeed_shouldPrintEveryFamilyAndAMultiplier() {
        CliRun run = CliRun.of("cost", "--topology", CliRun.path("examples/seed-active-passive.yaml"));

        assertEquals(0, run.exitCode(), run.err());
        for (String family : new String[] {"compute", "database", "nat", "transfer", "load-balancers", "global-accelerator",
                "health-checks", "kms"}) {
            assertTrue(run.out().contains("\n" + family + " "), family + " missing in\n" + run.out());
        }
        assertTrue(run.out().matches("(?s).*multiplier: \\d\\.\\d\\dx a single region.*"), run.out());
    }

    @Test
    void costJson_activeActive_shouldCostMoreThanActivePassive() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode passive = json.readTree(CliRun.of("cost", "--json", "-t", CliRun.path("examples/seed-active-passive.yaml")).out());
        JsonNode active = json.readTree(CliRun.of("cost", "--json", "-t", CliRun.path("examples/active-active-latency.yaml")).out());

        assertEquals(8, passive.get("lines").size());
        assertTrue(passive.get("multiplier").asDouble() > 1.0, passive.toString());
        assertTrue(active.get("multiplier").asDouble() > passive.get("multiplier").asDouble(), active + " vs " + passive);
    }
}
