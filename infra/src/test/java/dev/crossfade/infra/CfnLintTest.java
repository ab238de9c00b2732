package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.SynthesizedApp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint over every template of the full app, for every example and the three-region test
 * topology, in one run (each template names its own region in its cfn-lint metadata). Errors
 * always fail; of the warnings only these are accepted, each for a reason outside this code. A
 * missing cfn-lint fails the test.
 */
class CfnLintTest {

    private static final long LINT_TIMEOUT_SECONDS = 300;

    /**
     * The only warnings accepted, each with its reason. A warning that says a resource "cannot be
     * used to create" anything (W3690/W3691, deprecated engine versions) is a deployment failure,
     * never accepted, whatever this map says.
     */
    static final Map<String, String> ACCEPTED_WARNINGS = Map.of(
            "W3005", "CDK's own Lambda-backed constructs (cross-region export writer/reader, AwsCustomResource, "
                    + "the detector function) add a DependsOn on their role next to a GetAtt of it: redundant, harmless");

    static final String REFUSES_CREATION = "cannot be used to create";

    @Test
    void allowList_shouldHoldNoRuleThatRefusesCreation() {
        assertEquals(List.of(), ACCEPTED_WARNINGS.keySet().stream().filter(w -> w.equals("W3690") || w.equals("W3691")).toList(),
                "deprecated engine versions cannot be created: W3690/W3691 must never be accepted");
        ACCEPTED_WARNINGS.forEach((rule, reason) -> assertTrue(rule.matches("W\\d{4}") && reason.length() > 20,
                rule + " needs a reason"));
    }

    /** The filter applied to cfn-lint's parseable output: accepted rule ids, but never a refusal to create. */
    static boolean accepted(String finding) {
        return !finding.contains(REFUSES_CREATION)
                && ACCEPTED_WARNINGS.keySet().stream().anyMatch(w -> finding.contains(":" + w + ":"));
    }

    @Test
    void filter_shouldNeverAcceptARefusalToCreate() {
        assertTrue(accepted("t.json:1:1:1:1:W3005:Obsolete DependsOn on resource (Role), dependency already enforced"));
        assertFalse(accepted("t.json:1:1:1:1:W3691:Engine version '15.4' for engine 'postgres' is deprecated and "
                + "cannot be used to create new RDS DB instances"));
        assertFalse(accepted("t.json:1:1:1:1:W3046:some other warning"));
    }

    @Test
    void everyTemplate_shouldPassCfnLintWithoutErrorsOrUnlistedWarnings() throws InterruptedException {
        Result version = run(List.of("cfn-lint", "--version"));
        assertEquals(0, version.exitCode(), "cfn-lint --version failed: " + version.output());
        List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable", "--"));
        int templates = 0;
        for (SynthesizedApp app : List.of(Apps.seed(), Apps.latency(), Apps.geo(), Apps.threeRegionsRds())) {
            for (String stack : app.stackNames()) {
                command.add(app.templateFile(stack).toString());
                templates++;
            }
        }

        Result lint = run(command);
        List<String> findings = lint.output().lines().filter(l -> !l.isBlank())
                .filter(l -> !accepted(l))
                .toList();

        // seed 2x3+1, latency 2x3+1, geo 3x3+1, three-region test 3x3+1
        assertEquals(34, templates, "templates to lint");
        assertEquals(List.of(), findings, "cfn-lint findings");
        // cfn-lint's exit code is a bit set: 1 fatal, 2 errors, 4 warnings, 8 informational
        assertEquals(0, lint.exitCode() & 3, "cfn-lint reported errors:\n" + lint.output());
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
