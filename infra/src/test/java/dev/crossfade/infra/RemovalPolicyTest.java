package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Destroy and deploy again (docs/infra.md): with {@code removalPolicy: destroy}, {@code cdk destroy}
 * leaves nothing behind (no Retain/Snapshot, no deletion protection), so fixed names are free for
 * the next deployment; with the default {@code retain}, exactly the documented data resources stay.
 */
class RemovalPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void destroy_shouldLeaveNoResourceRetainedAndNoDeletionProtection() throws IOException {
        for (String example : List.of(Examples.SEED, Examples.LATENCY)) {
            String text = Files.readString(Examples.repoRoot().resolve("examples").resolve(example)) + "removalPolicy: destroy\n";
            Topology t = TopologyParser.parse(text, example);
            assertEquals(Topology.RemovalPolicy.DESTROY, t.removalPolicy());
            // CrossfadeApp.synth throws on any cdk-nag error: destroy must synthesize as cleanly as retain
            java.nio.file.Path dir = Files.createTempDirectory(Files.createDirectories(
                    Examples.repoRoot().resolve("infra/target/synth")), "destroy-");
            var assembly = CrossfadeApp.synth(t, dir, java.util.Optional.empty(), CdkCliContext.of(Examples.repoRoot(), java.util.Map.of()));

            List<String> kept = new ArrayList<>();
            for (var artifact : assembly.getStacks()) {
                String stack = artifact.getStackName();
                JsonNode resources = JSON.readTree(dir.resolve(artifact.getTemplateFile()).toFile()).path("Resources");
                resources.properties().forEach(e -> {
                    JsonNode r = e.getValue();
                    String policy = r.path("DeletionPolicy").asText("Delete");
                    if (!policy.equals("Delete")) {
                        kept.add(stack + " " + e.getKey() + " " + r.path("Type").asText() + " DeletionPolicy " + policy);
                    }
                    if (r.path("Properties").path("DeletionProtection").asBoolean(false)
                            || r.path("Properties").path("DeletionProtectionEnabled").asBoolean(false)) {
                        kept.add(stack + " " + e.getKey() + " deletion protection");
                    }
                    r.path("Properties").path("Replicas").forEach(replica -> {
                        if (replica.path("DeletionProtectionEnabled").asBoolean(false)) {
                            kept.add(stack + " " + e.getKey() + " replica deletion protection");
                        }
                    });
                });
            }
            assertEquals(List.of(), kept, example);
        }
    }

    @Test
    void retain_shouldKeepExactlyTheDocumentedResourceTypes() throws IOException {
        SynthesizedApp app = dev.crossfade.infra.testutils.Apps.seed();
        Set<String> retained = new TreeSet<>();
        for (String stack : app.stackNames()) {
            JSON.readTree(app.templateFile(stack).toFile()).path("Resources").properties().forEach(e -> {
                String policy = e.getValue().path("DeletionPolicy").asText("Delete");
                if (!policy.equals("Delete")) {
                    retained.add(e.getValue().path("Type").asText() + " " + policy);
                }
            });
        }
        String docs = Files.readString(Examples.repoRoot().resolve("docs/infra.md"));
        for (String entry : retained) {
            assertTrue(docs.contains("`" + entry + "`"), "docs/infra.md (\"Destroy and deploy again\") does not list `" + entry + "`");
        }
    }
}
