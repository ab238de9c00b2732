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

    /** Deliberate departures from the library's recommendations, each with its reason (docs/infra.md, "Feature flags"). */
    static final Map<String, Object> FLAG_DEPARTURES = Map.of(
            "@aws-cdk/core:defaultCrossStackReferences", "strong");

    @Test
    void cdkJson_shouldCarryTheRecommendedFeatureFlagsOfTheAwsCdkLibOnTheClasspath() throws IOException {
        JsonNode recommended = JSON.readTree(fileOfCdkLibPackage("package/recommended-feature-flags.json"));
        JsonNode context = JSON.readTree(Examples.repoRoot().resolve("cdk.json").toFile()).path("context");

        Set<String> names = new TreeSet<>();
        recommended.properties().forEach(e -> names.add(e.getKey()));
        Set<String> configured = new TreeSet<>();
        context.properties().forEach(e -> configured.add(e.getKey()));
        assertEquals(names, configured, "cdk.json context keys");
        recommended.properties().forEach(e -> assertEquals(
                FLAG_DEPARTURES.containsKey(e.getKey()) ? JSON.valueToTree(FLAG_DEPARTURES.get(e.getKey())) : e.getValue(),
                context.path(e.getKey()), e.getKey()));
    }

    /** A file of the npm package inside aws-cdk-lib's jar (its jsii tarball), read without unpacking to disk. */
    private static byte[] fileOfCdkLibPackage(String name) throws IOException {
        String version = software.amazon.awscdk.App.class.getPackage().getImplementationVersion();
        String tarball = "/software/amazon/awscdk/aws-cdk-lib@" + version + ".jsii.tgz";
        try (var raw = software.amazon.awscdk.App.class.getResourceAsStream(tarball)) {
            assertTrue(raw != null, "no " + tarball + " on the classpath");
            var tar = new java.util.zip.GZIPInputStream(raw);
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String entry = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "").trim();
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
                byte[] body = tar.readNBytes((int) size);
                tar.skipNBytes((512 - size % 512) % 512);
                if (entry.equals(name)) {
                    return body;
                }
            }
        }
        throw new AssertionError(name + " not found in " + tarball);
    }

    @Test
    void packageJson_shouldPinTheCdkCliToOneVersionInTheLockFile() throws IOException {
        JsonNode pkg = JSON.readTree(Examples.repoRoot().resolve("package.json").toFile());
        JsonNode lock = JSON.readTree(Examples.repoRoot().resolve("package-lock.json").toFile());

        String pinned = pkg.path("devDependencies").path("aws-cdk").asText();
        assertTrue(pinned.matches("\\d+\\.\\d+\\.\\d+"), "aws-cdk must be pinned to an exact version, found '" + pinned + "'");
        assertEquals(pinned, lock.path("packages").path("node_modules/aws-cdk").path("version").asText());
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

    /**
     * The pinned CDK CLI (node_modules/.bin/cdk after npm ci, or CROSSFADE_CDK) synthesizes in its
     * own JVM, the Crossfade CLI's synthesis runs in this one: Map.of's iteration order differs
     * between JVMs, so byte-identical templates show the synthesis is deterministic, and that
     * {@code crossfade synth} passes the same context (cdk.json's flags, the CLI's defaults).
     */
    @Test
    void cdkSynthAndCrossfadeSynth_shouldWriteByteIdenticalTemplates() throws Exception {
        Path root = Examples.repoRoot();
        Path cdk = Path.of(System.getenv().getOrDefault("CROSSFADE_CDK", root.resolve("node_modules/.bin/cdk").toString()));
        assertTrue(Files.isExecutable(cdk), cdk + " is missing: run `npm ci` (package.json pins aws-cdk)");
        ProcessBuilder builder = new ProcessBuilder(cdk.toString(), "synth", "--quiet", "-o", out.toString(),
                "-c", "topology=examples/seed-active-passive.yaml").directory(root.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("CROSSFADE_NO_BUILD", "1");
        builder.environment().put("CDK_DISABLE_CLI_TELEMETRY", "true");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(300, TimeUnit.SECONDS), "cdk synth did not finish within 300 s:\n" + output);
        assertEquals(0, process.exitValue(), output);
        // cdk.json carries the library's recommended feature flags: the CLI names none as unconfigured
        assertTrue(!output.contains("feature flags are not configured"), output);

        Path ours = out.resolveSibling(out.getFileName() + "-crossfade");
        dev.crossfade.infra.CrossfadeApp.synth(dev.crossfade.topology.TopologyParser.parse(
                root.resolve("examples/seed-active-passive.yaml")), ours);

        Set<String> templates = new TreeSet<>();
        try (var files = Files.list(out)) {
            files.filter(f -> f.toString().endsWith(".template.json")).forEach(f -> templates.add(f.getFileName().toString()));
        }
        assertEquals(7, templates.size(), templates.toString());
        for (String template : templates) {
            assertEquals(Files.readString(out.resolve(template)), Files.readString(ours.resolve(template)), template);
        }
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
