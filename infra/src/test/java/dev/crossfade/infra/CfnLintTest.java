package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossfade.infra.testutils.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * Synthesizes each example with {@link CrossfadeApp#synth} (the path the Crossfade CLI takes)
 * and runs cfn-lint on every template. Each template names its own region in its cfn-lint
 * metadata, so one cfn-lint run checks them all; no check is ignored, warnings included, and
 * cfn-lint must exit 0. A missing cfn-lint fails the test.
 */
class CfnLintTest {

    private static final long LINT_TIMEOUT_SECONDS = 300;
    private static final List<String> EXAMPLES = List.of(Examples.SEED, Examples.LATENCY, Examples.GEO);

    @TempDir
    static Path out;

    private static final Map<String, CloudAssembly> assemblies = new LinkedHashMap<>();

    @BeforeAll
    static void synthesize() throws InterruptedException {
        Result version = run(List.of("cfn-lint", "--version"));
        assertEquals(0, version.exitCode(), "cfn-lint --version failed: " + version.output());
        for (String example : EXAMPLES) {
            assemblies.put(example, CrossfadeApp.synth(Examples.load(example), out.resolve(example.replace(".yaml", ""))));
        }
    }

    @Test
    void synth_shouldWriteOneTemplatePerEnabledRegionIntoTheGivenDirectory() {
        assemblies.forEach((example, assembly) -> {
            assertEquals(out.resolve(example.replace(".yaml", "")).toAbsolutePath().normalize(),
                    Path.of(assembly.getDirectory()).toAbsolutePath().normalize());
            // the assembly lists stacks in its own order; which regions, not their order, is the contract
            Set<String> regions = assembly.getStacksRecursively().stream().map(s -> s.getEnvironment().getRegion()).collect(Collectors.toSet());
            assertEquals(Examples.load(example).enabledRegions().stream().map(r -> r.name()).collect(Collectors.toSet()), regions, example);
            assertEquals(regions.size(), assembly.getStacksRecursively().size(), example);
        });
    }

    @Test
    void everyTemplate_shouldPassCfnLintWithoutFindings() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--"));
        assemblies.values().stream().flatMap(a -> a.getStacksRecursively().stream())
                .map(CloudFormationStackArtifact::getTemplateFullPath).forEach(command::add);
        assertEquals(7, command.size() - 4, "templates to lint");

        Result lint = run(command);

        assertEquals(0, lint.exitCode(), "cfn-lint findings:\n" + lint.output());
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("cfn-lint is required for this test and was not found on PATH (" + e.getMessage()
                    + "); install it with `pip install cfn-lint`");
            throw new AssertionError(e);
        }
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read cfn-lint output", e);
        }
        if (!process.waitFor(LINT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + LINT_TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), output);
    }
}
