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

    @Test
    void deprecatedEngineVersion_shouldExitZeroWithAWarningNamingTheKey() throws IOException {
        Path file = Files.createTempFile("deprecated-engine", ".yaml");
        try {
            Files.writeString(file, Files.readString(CliRun.repoRoot().resolve("examples/seed-active-passive.yaml"))
                    .replaceFirst("engineVersion: \"[^\"]*\"", "engineVersion: \"15.4\""));

            CliRun run = CliRun.of("validate", "--topology", file.toString());

            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().contains("warning: database.engineVersion: PostgreSQL 15.4 (rds-postgres) is deprecated"
                    + " and cannot be used to create new RDS DB instances"), run.out());
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void examples_shouldValidateWithoutWarnings() throws IOException {
        try (Stream<Path> files = Files.list(CliRun.repoRoot().resolve("examples"))) {
            for (Path example : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                CliRun run = CliRun.of("validate", "--topology", example.toString());

                assertEquals(0, run.exitCode(), run.err());
                assertTrue(!run.out().contains("warning"), example + ":\n" + run.out());
            }
        }
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
