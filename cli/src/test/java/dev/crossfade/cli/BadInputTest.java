package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, defect 7: bad input at the command line exits 2 and names what is wrong (shared CLI contract). */
class BadInputTest {

    @TempDir
    Path tmp;

    @Test
    void truncatedEventFile_shouldExitTwoNamingTheFile() {
        String file = CliRun.path("events/malformed/truncated.json");

        CliRun run = CliRun.of("decide", "--topology", CliRun.path("events/topologies/three-regions-quorum-1.yaml"), "--event", file, "--json");

        assertEquals(Main.BAD_INPUT, run.exitCode(), run.out());
        assertTrue(run.err().contains("truncated.json") && run.err().contains("truncated"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void eventCutShortAnywhere_shouldExitTwo() throws Exception {
        byte[] whole = Files.readAllBytes(Path.of(CliRun.path("events/alarm-primary-alb-5xx.json")));
        for (int cut : new int[] {1, whole.length / 3, whole.length / 2, whole.length - 3}) {
            Path part = tmp.resolve("cut-" + cut + ".json");
            Files.write(part, java.util.Arrays.copyOf(whole, cut));

            CliRun run = CliRun.of("decide", "--topology", CliRun.path("events/topologies/three-regions-quorum-1.yaml"), "--event", part.toString());

            assertEquals(Main.BAD_INPUT, run.exitCode(), "cut at " + cut + ": " + run.out() + run.err());
            assertTrue(run.err().contains(part.getFileName().toString()), run.err());
        }
    }

    @Test
    void synthWithNoAccount_shouldExitTwoNamingTheAccount() throws Exception {
        assumeTrue(System.getenv("CDK_DEFAULT_ACCOUNT") == null, "CDK_DEFAULT_ACCOUNT is set in this environment");
        String seed = Files.readString(Path.of(CliRun.path("examples/seed-active-passive.yaml")));
        Path topology = tmp.resolve("no-account.yaml");
        Files.writeString(topology, seed.replaceAll("(?m)^account:.*$", ""));
        Path out = tmp.resolve("cdk.out");

        CliRun run = CliRun.of("synth", "--topology", topology.toString(), "--out", out.toString());

        assertEquals(Main.BAD_INPUT, run.exitCode(), run.err());
        assertTrue(run.err().contains("no AWS account"), run.err());
        assertFalse(run.err().contains("unexpected"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void misspelledOption_shouldBeNamedAsUnknown_withTheLikelyOne() {
        CliRun run = CliRun.of("validate", "--topolgy", CliRun.path("examples/seed-active-passive.yaml"));

        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("unknown option '--topolgy'"), run.err());
        assertTrue(run.err().contains("did you mean --topology?"), run.err());
    }

    @Test
    void unknownOptionBesideTheRequiredOnes_shouldBeNamed() {
        CliRun run = CliRun.of("validate", "--topology", CliRun.path("examples/seed-active-passive.yaml"), "--strict");

        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("--strict"), run.err());
    }
}
