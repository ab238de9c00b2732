package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {

    @Test
    void seedExample_shouldExitZeroWithSummary() {
        CliRun run = CliRun.of("validate", "--topology", CliRun.path("examples/seed-active-passive.yaml"));

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("shop-prod"), run.out());
        assertTrue(run.out().contains("us-east-1 (primary)"), run.out());
    }

    static Stream<Path> invalidFiles() throws IOException {
        return Files.list(CliRun.repoRoot().resolve("topology/src/test/resources/invalid")).sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void everyInvalidFile_shouldExitTwoNamingAKeyPath(Path file) {
        CliRun run = CliRun.of("validate", "--topology", file.toString());

        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("invalid topology") && run.err().matches("(?s).*  - [a-zA-Z(].*: .*"), run.err());
        assertEquals("", run.out());
    }

    @ParameterizedTest
    @CsvSource({
            "two-primaries.yaml, regions.eu-west-1.primary",
            "overlapping-cidrs.yaml, regions.eu-west-1.vpcCidr",
            "unknown-key.yaml, regions.us-east-1.dbMultiAZ (line 23)"})
    void invalidFile_shouldPrintThePath(String file, String path) {
        CliRun run = CliRun.of("validate", "-t", CliRun.path("topology/src/test/resources/invalid/" + file));

        assertTrue(run.err().contains(path), run.err());
    }

    @Test
    void missingFile_shouldExitTwo() {
        CliRun run = CliRun.of("validate", "--topology", "no/such/file.yaml");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("topology file not found: no/such/file.yaml"), run.err());
    }

    @Test
    void missingOption_shouldExitTwoWithUsage() {
        CliRun run = CliRun.of("validate");

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--topology"), run.err());
    }

    @Test
    void help_shouldExitZero() {
        CliRun run = CliRun.of("validate", "--help");

        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Usage: crossfade validate"), run.out());
    }
}
