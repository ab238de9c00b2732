package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.infra.testutils.Examples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the cdk.json app command the way the CDK CLI does (context in CDK_CONTEXT_JSON, output
 * directory in CDK_OUTDIR, from the repository root), without needing the CDK CLI itself.
 */
class CdkAppLauncherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    @Test
    void cdkJson_shouldRunTheLauncherScript() throws IOException {
        JsonNode cdkJson = JSON.readTree(Examples.repoRoot().resolve("cdk.json").toFile());

        assertEquals("infra/bin/cdk-app", cdkJson.get("app").asText());
        assertTrue(Files.isExecutable(Examples.repoRoot().resolve("infra/bin/cdk-app")));
    }

    @Test
    void topologyContext_shouldSynthesizeEveryStackOfTheTopology() throws Exception {
        Launch launch = launch("{\"topology\":\"examples/seed-active-passive.yaml\"}", Map.of());

        assertEquals(0, launch.exitCode(), launch.output());
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        Set<String> stacks = new TreeSet<>();
        manifest.get("artifacts").properties().forEach(e -> {
            if (e.getValue().get("type").asText().equals("aws:cloudformation:stack")) {
                stacks.add(e.getKey() + " " + e.getValue().get("environment").asText());
            }
        });
        assertEquals(Set.of("shop-prod-us-east-1 aws://123456789012/us-east-1",
                "shop-prod-eu-west-1 aws://123456789012/eu-west-1",
                "shop-prod-us-east-1-storage aws://123456789012/us-east-1",
                "shop-prod-eu-west-1-storage aws://123456789012/eu-west-1",
                "shop-prod-us-east-1-peering aws://123456789012/us-east-1",
                "shop-prod-eu-west-1-peering aws://123456789012/eu-west-1",
                "shop-prod-global aws://123456789012/us-east-1"), stacks);
        assertTrue(Files.exists(out.resolve("shop-prod-global.template.json")));
    }

    @Test
    void noAccountAnywhere_shouldExitTwoNamingTheAccountKey() throws Exception {
        Path noAccount = out.resolveSibling("no-account.yaml");
        Files.writeString(noAccount, Files.readString(Examples.repoRoot().resolve("examples/three-region-geo.yaml"))
                .replaceAll("(?m)^account: .*\n", ""));
        Launch launch = launch("{\"topology\":\"" + noAccount + "\"}", Map.of());

        assertEquals(2, launch.exitCode(), launch.output());
        assertTrue(launch.output().contains("set `account` in the topology file"), launch.output());
    }

    @Test
    void noTopologyContext_shouldFailNamingTheContextKey() throws Exception {
        Launch launch = launch("{}", Map.of());

        assertEquals(2, launch.exitCode(), launch.output());
        assertTrue(launch.output().contains("no topology file: run `cdk synth -c topology=FILE`"), launch.output());
    }

    private record Launch(int exitCode, String output) {}

    private Launch launch(String contextJson, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path root = Examples.repoRoot();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("infra/bin/cdk-app").toString())
                .directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("CDK_CONTEXT_JSON", contextJson);
        env.put("CDK_OUTDIR", out.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("CROSSFADE_NO_BUILD", "1");
        env.remove("CDK_DEFAULT_ACCOUNT");
        env.putAll(extraEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("infra/bin/cdk-app did not finish within 180 s:\n" + output);
        }
        return new Launch(process.exitValue(), output);
    }
}
