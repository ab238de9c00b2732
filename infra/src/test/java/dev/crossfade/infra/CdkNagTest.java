package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.infra.testutils.SynthesizedApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.s3.Bucket;

/** cdk-nag over every stack of the full app, for every example and the three-region test topology. */
class CdkNagTest {

    private static final Pattern RULE = Pattern.compile("AwsSolutions-[A-Z]+[0-9]+");

    private static List<SynthesizedApp> apps() {
        return List.of(Apps.seed(), Apps.latency(), Apps.geo(), Apps.threeRegionsRds());
    }

    @Test
    void everyStack_shouldHaveNoUnsuppressedAwsSolutionsFinding() {
        List<String> findings = new ArrayList<>();
        for (SynthesizedApp app : apps()) {
            for (String stack : app.stackNames()) {
                for (String level : List.of("ERROR", "WARN")) {
                    app.messages(stack, level).stream().filter(m -> m.contains("AwsSolutions-"))
                            .forEach(m -> findings.add(stack + " " + level + " " + m));
                }
            }
        }

        assertEquals(List.of(), findings);
    }

    @Test
    void unsafeResource_shouldBeReportedByTheAppsNagChecks(@TempDir Path out) {
        App app = new App(AppProps.builder().outdir(out.toString()).build());
        CrossfadeApp.Stacks built = CrossfadeApp.compose(app, Examples.load(Examples.SEED), Optional.empty());
        new Bucket(built.regional().get(0), "Unsafe");

        var thrown = assertThrows(SynthesisException.class, () -> SynthesisException.throwIfErrors(app.synth(), built.all()));

        assertTrue(thrown.getMessage().contains("AwsSolutions-S10"), thrown.getMessage());
        assertTrue(thrown.getMessage().contains("shop-prod-us-east-1 "), thrown.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySuppression_shouldHaveAReasonAndBeListedInDocs() throws IOException {
        String docs = Files.readString(Examples.repoRoot().resolve("docs/cdk-nag.md"));
        Set<String> suppressed = new TreeSet<>();
        for (SynthesizedApp app : apps()) {
            for (Map<String, Object> template : app.templates().values()) {
                for (Object r : ((Map<String, Object>) template.get("Resources")).values()) {
                    for (Map<String, Object> s : suppressions((Map<String, Object>) r)) {
                        String id = (String) s.get("id");
                        String reason = (String) s.get("reason");
                        suppressed.add(id);
                        assertTrue(reason != null && reason.length() > 20, id + " needs a real reason: " + reason);
                        assertTrue(docs.contains(reason), "docs/cdk-nag.md must quote the reason for " + id + ": " + reason);
                    }
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
