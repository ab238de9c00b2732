package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.s3.Bucket;

class CdkNagTest {

    private static final Pattern RULE = Pattern.compile("AwsSolutions-[A-Z]+[0-9]+");

    private static List<RegionalStack> stacks;

    @BeforeAll
    static void synthesize() {
        stacks = Stream.of(Examples.SEED, Examples.LATENCY, Examples.GEO)
                .flatMap(name -> CrossfadeApp.build(new App(), Examples.load(name), Optional.empty()).stream())
                .toList();
    }

    @Test
    void examples_shouldHaveNoUnsuppressedAwsSolutionsFindings() {
        for (RegionalStack stack : stacks) {
            Annotations annotations = Annotations.fromStack(stack);
            assertEquals(List.of(), annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
                    stack.getStackName() + " has cdk-nag errors");
            assertEquals(List.of(), annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
                    stack.getStackName() + " has cdk-nag warnings");
        }
    }

    @Test
    void unsafeResource_shouldBeReportedByTheAppsNagChecks() {
        App app = new App();
        List<RegionalStack> built = CrossfadeApp.build(app, Examples.load(Examples.SEED), Optional.empty());
        new Bucket(built.get(0), "Unsafe");

        var errors = Annotations.fromStack(built.get(0)).findError("*", Match.stringLikeRegexp("AwsSolutions-S10.*"));

        assertEquals(1, errors.size(), "a bucket without enforceSSL must fail AwsSolutions-S10");
        var thrown = assertThrows(SynthesisException.class, () -> SynthesisException.throwIfErrors(app.synth(), built));
        assertTrue(thrown.getMessage().contains("AwsSolutions-S10"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("shop-prod-us-east-1"), thrown.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppression_shouldHaveAReasonAndBeListedInDocs() throws IOException {
        String docs = Files.readString(Examples.repoRoot().resolve("docs/cdk-nag.md"));
        Set<String> suppressed = new TreeSet<>();
        for (RegionalStack stack : stacks) {
            Map<String, Map<String, Object>> resources = (Map<String, Map<String, Object>>) Template.fromStack(stack).toJSON().get("Resources");
            for (Map<String, Object> resource : resources.values()) {
                for (Map<String, Object> s : suppressions(resource)) {
                    String id = (String) s.get("id");
                    String reason = (String) s.get("reason");
                    suppressed.add(id);
                    assertTrue(reason != null && reason.length() > 20, id + " needs a real reason: " + reason);
                    assertTrue(docs.contains(reason), "docs/cdk-nag.md must quote the reason for " + id + ": " + reason);
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher m = RULE.matcher(docs);
        while (m.find()) {
            documented.add(m.group());
        }
        assertFalse(suppressed.isEmpty());
        assertEquals(suppressed, documented, "rules suppressed in code vs rules listed in docs/cdk-nag.md");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> suppressions(Map<String, Object> resource) {
        Object metadata = resource.get("Metadata");
        if (!(metadata instanceof Map<?, ?> md) || !(md.get("cdk_nag") instanceof Map<?, ?> nag)) {
            return List.of();
        }
        return (List<Map<String, Object>>) nag.get("rules_to_suppress");
    }
}
