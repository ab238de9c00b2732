package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.testutils.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every ASL file passes asl-validator (pinned in the root package.json; {@code npm ci} installs it). */
class AslValidationTest {

    private static final Path ROOT = RepoRoot.path();

    @Test
    void everyStateMachineFile_shouldPassAslValidator() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ROOT.resolve("statemachines"))) {
            files = listing.filter(p -> p.toString().endsWith(".asl.json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no statemachines/*.asl.json");

        for (Path file : files) {
            Run run = validate(file);
            assertEquals(0, run.exit(), file + ": " + run.output());
        }
    }

    @Test
    void brokenDefinition_shouldBeRejectedByTheValidator(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.asl.json");
        Files.writeString(broken, Files.readString(ROOT.resolve("statemachines/failover.asl.json"))
                .replace("\"Next\": \"PromoteDatabase\"", "\"Next\": \"NoSuchState\""));

        Run run = validate(broken);

        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("NoSuchState"), run.output());
    }

    private record Run(int exit, String output) {}

    private static Run validate(Path file) throws IOException, InterruptedException {
        Path validator = ROOT.resolve("node_modules/.bin/asl-validator");
        assertTrue(Files.isExecutable(validator), "asl-validator is not installed: run 'npm ci' in " + ROOT);
        Process process = new ProcessBuilder(validator.toString(), "--json-path", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "asl-validator did not finish");
        return new Run(process.exitValue(), output);
    }
}
