package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shipped list of deprecated engine versions, the validate warning, and the examples' versions. */
class DeprecatedEngineVersionsTest {

    private static String withVersion(String engine, String version) throws IOException {
        String base = Files.readString(ExamplesTest.repoRoot().resolve("examples/seed-active-passive.yaml"));
        return base.replaceFirst("engine: rds-postgres", "engine: " + engine)
                .replaceFirst("engineVersion: \"[^\"]*\"", "engineVersion: \"" + version + "\"")
                .replaceFirst("  allocatedStorage: 100.*\n", "").replaceFirst("  maxAllocatedStorage: 500.*\n", "");
    }

    @Test
    void deprecatedVersion_shouldBeWarnedAboutWithItsKeyPath() throws IOException {
        for (String engine : List.of("rds-postgres", "aurora-postgres-global")) {
            Topology t = TopologyParser.parse(withVersion(engine, "15.4"), "test.yaml");

            List<Problem> warnings = TopologyWarnings.of(t);

            assertEquals(1, warnings.size(), engine + ": " + warnings);
            assertEquals("database.engineVersion", warnings.get(0).path());
            assertTrue(warnings.get(0).message().contains("15.4") && warnings.get(0).message().contains("cannot be used to create"),
                    warnings.get(0).message());
        }
    }

    @Test
    void currentVersion_shouldNotBeWarnedAbout() throws IOException {
        for (String engine : List.of("rds-postgres", "aurora-postgres-global")) {
            assertEquals(List.of(), TopologyWarnings.of(TopologyParser.parse(withVersion(engine, "16.13"), "test.yaml")));
        }
    }

    @Test
    void everyExample_shouldUseAnEngineVersionThatCanBeCreated() throws IOException {
        try (Stream<Path> files = Files.list(ExamplesTest.repoRoot().resolve("examples"))) {
            for (Path example : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).toList()) {
                Topology t = TopologyParser.parse(example);
                assertFalse(DeprecatedEngineVersions.isDeprecated(t.database().engine(), t.database().engineVersion()),
                        example + ": engine version " + t.database().engineVersion());
                assertEquals(List.of(), TopologyWarnings.of(t), example.toString());
            }
        }
    }

    /** When cfn-lint is installed (CI installs it), the shipped list must equal what its data says. */
    @Test
    void shippedList_shouldEqualTheInstalledCfnLintsData() throws IOException, InterruptedException {
        Path script = ExamplesTest.repoRoot().resolve("scripts/deprecated-engine-versions.py");
        Process p;
        try {
            p = new ProcessBuilder("python3", script.toString()).redirectErrorStream(false).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not installed: " + e.getMessage());
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not finish");
        Assumptions.assumeFalse(err.contains("No module named 'cfnlint'"), "cfn-lint is not installed");
        assertEquals(0, p.exitValue(), err);
        Set<String> installed = out.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(String::trim)
                .collect(Collectors.toCollection(TreeSet::new));

        assertFalse(installed.isEmpty());
        assertEquals(installed, new TreeSet<>(DeprecatedEngineVersions.entries()),
                "deprecated-engine-versions.txt is out of step with the installed cfn-lint: regenerate it with "
                        + "python3 scripts/deprecated-engine-versions.py > topology/src/main/resources/dev/crossfade/topology/"
                        + DeprecatedEngineVersions.RESOURCE);
    }
}
