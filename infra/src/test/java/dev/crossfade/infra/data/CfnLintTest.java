package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.crossfade.infra.data.testutils.DumpTemplates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs cfn-lint (when installed) over every template of the test apps. Errors always fail; of the
 * warnings only these are accepted, each for a reason outside the constructs under test.
 */
class CfnLintTest {

    static final Map<String, String> ACCEPTED_WARNINGS = Map.of(
            "W3005", "CDK's own custom-resource providers (AwsCustomResource, cross-region exports) add a DependsOn next to a GetAtt",
            "W3010", "the test stacks have no AZ context, so CDK writes its dummy AZ names",
            "W3690", "engine version 15.4 comes from the example topologies; deprecated for new Aurora clusters",
            "W3691", "engine version 15.4 comes from the example topologies; deprecated for new RDS instances");

    @Test
    void everyTestTemplate_shouldPassCfnLint() throws IOException, InterruptedException {
        assumeTrue(onPath("cfn-lint"), "cfn-lint is not installed");
        List<Path> files = DumpTemplates.write(Path.of("target", "cfn-templates"));
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
        files.forEach(f -> command.add(f.toString()));

        Process lint = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = lint.waitFor(5, TimeUnit.MINUTES);
        List<String> findings = output.lines()
                .filter(l -> !l.isBlank())
                .filter(l -> ACCEPTED_WARNINGS.keySet().stream().noneMatch(w -> l.contains(":" + w + ":")))
                .toList();

        assertEquals(true, done, "cfn-lint did not finish within 5 minutes");
        assertEquals(List.of(), findings, "cfn-lint findings");
        assertTrue(files.size() >= 20, "expected the templates of three test apps, found " + files.size());
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
