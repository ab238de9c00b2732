package dev.crossfade.infra.testutils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The checks a construct test runs on a stack of its own: cdk-nag's AwsSolutions pack and cfn-lint
 * (the full app's templates have theirs in CdkNagTest and CfnLintTest).
 */
public final class StackChecks {

    private StackChecks() {}

    /** Adds the AwsSolutions checks to {@code app}, synthesizes it and asserts no error nor warning on {@code stack}. */
    public static void assertNoAwsSolutionsFindings(App app, Stack stack) {
        assertNoAwsSolutionsFindings(app, stack, id -> true);
    }

    /** As {@link #assertNoAwsSolutionsFindings(App, Stack)}, for the findings whose construct path contains {@code pathPart}. */
    public static void assertNoAwsSolutionsFindings(App app, Stack stack, String pathPart) {
        assertNoAwsSolutionsFindings(app, stack, id -> id.contains(pathPart));
    }

    private static void assertNoAwsSolutionsFindings(App app, Stack stack, Predicate<String> path) {
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();

        List<String> findings = describe(Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")), path);
        List<String> warnings = describe(Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")), path);

        assertEquals(List.of(), findings);
        assertEquals(List.of(), warnings);
    }

    private static List<String> describe(List<SynthesisMessage> messages, Predicate<String> path) {
        return messages.stream().filter(m -> path.test(m.getId())).map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }

    /** Runs cfn-lint on the template of stack {@code stackName} of {@code app} and asserts it passes (its output as the message). */
    public static void assertCfnLintPasses(App app, String stackName) throws IOException, InterruptedException {
        String file = app.synth().getStackByName(stackName).getTemplateFullPath();

        Process lint = new ProcessBuilder("cfn-lint", file).redirectErrorStream(true).start();
        String findings = new String(lint.getInputStream().readAllBytes());

        assertTrue(lint.waitFor(120, TimeUnit.SECONDS), "cfn-lint did not finish");
        assertEquals(0, lint.exitValue(), findings);
    }
}
