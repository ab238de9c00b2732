package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.infra.testutils.SynthesizedApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/** The full app's stacks, their regions and the dependencies that order `cdk deploy --all`. */
class AppLayoutTest {

    @Test
    void seed_shouldHaveRegionalStorageAndPeeringStacksPerRegionAndOneGlobalStack() {
        assertEquals(List.of("shop-prod-us-east-1", "shop-prod-eu-west-1",
                "shop-prod-eu-west-1-storage", "shop-prod-us-east-1-storage",
                "shop-prod-us-east-1-peering", "shop-prod-eu-west-1-peering", "shop-prod-global"), Apps.seed().stackNames());
    }

    @Test
    void everyStack_shouldBePinnedToItsRegionAndTheAccount() {
        SynthesizedApp geo = Apps.geo();
        Map<String, String> regions = geo.stacks().all().stream()
                .collect(Collectors.toMap(s -> s.getStackName(), s -> s.getRegion()));

        assertEquals("us-east-1", regions.get("shop-prod-global"));
        assertEquals("ap-southeast-1", regions.get("shop-prod-ap-southeast-1-storage"));
        assertEquals("eu-west-1", regions.get("shop-prod-eu-west-1-peering"));
        geo.stacks().all().forEach(s -> assertEquals(SynthesizedApp.ACCOUNT, s.getAccount(), s.getStackName()));
    }

    @Test
    void dependencies_shouldFollowTheDocumentedDeployOrder() {
        SynthesizedApp seed = Apps.seed();

        assertEquals(Set.of(), seed.dependencies("shop-prod-us-east-1"));
        assertEquals(Set.of("shop-prod-us-east-1"), seed.dependencies("shop-prod-eu-west-1"));
        assertEquals(Set.of(), seed.dependencies("shop-prod-eu-west-1-storage"));
        assertEquals(Set.of("shop-prod-eu-west-1-storage"), seed.dependencies("shop-prod-us-east-1-storage"));
        assertEquals(Set.of("shop-prod-us-east-1", "shop-prod-eu-west-1"), seed.dependencies("shop-prod-us-east-1-peering"));
        assertEquals(Set.of("shop-prod-eu-west-1", "shop-prod-us-east-1-peering"), seed.dependencies("shop-prod-eu-west-1-peering"));
        assertEquals(Set.of("shop-prod-us-east-1", "shop-prod-eu-west-1"), seed.dependencies("shop-prod-global"));
    }

    @Test
    void threeRegions_shouldPeerOnlyFromBetterRankedRegions() {
        SynthesizedApp geo = Apps.geo();

        assertEquals(Set.of("shop-prod-ap-southeast-1", "shop-prod-us-east-1-peering", "shop-prod-eu-west-1-peering"),
                geo.dependencies("shop-prod-ap-southeast-1-peering"));
        assertEquals(Set.of("shop-prod-eu-west-1-storage", "shop-prod-ap-southeast-1-storage"),
                geo.dependencies("shop-prod-us-east-1-storage"));
        assertEquals(Set.of("shop-prod-us-east-1", "shop-prod-eu-west-1", "shop-prod-ap-southeast-1"),
                geo.dependencies("shop-prod-global"));
    }

    @Test
    void stackNamesInDeployOrder_shouldListEveryDependencyBeforeItsDependent() {
        for (SynthesizedApp app : List.of(Apps.seed(), Apps.latency(), Apps.geo(), Apps.threeRegionsRds())) {
            List<String> order = app.stackNames();
            for (String stack : order) {
                for (String dependency : app.dependencies(stack)) {
                    assertTrue(order.indexOf(dependency) < order.indexOf(stack), dependency + " after " + stack);
                }
            }
        }
    }

    @Test
    void disabledRegion_shouldLeaveNoTraceInAnyTemplateOfTheFullApp() {
        Map<SynthesizedApp, String> cidrs = Map.of(Apps.geo(), "10.3.0.0/16", Apps.threeRegionsRds(), "10.9.0.0/16");
        cidrs.forEach((app, cidr) -> {
            assertEquals(3 * 3 + 1, app.stackNames().size());
            app.templates().forEach((stack, json) -> {
                String text = String.valueOf(json);
                assertFalse(text.contains("sa-east-1"), stack + " mentions the disabled region sa-east-1");
                assertFalse(text.contains(cidr), stack + " mentions the disabled region's CIDR");
            });
            assertTrue(app.stackNames().stream().noneMatch(n -> n.contains("sa-east-1")));
        });
    }

    @Test
    void synth_shouldWriteEveryStackIntoTheGivenDirectoryWithoutErrors(@TempDir Path out) {
        CloudAssembly assembly = CrossfadeApp.synth(Examples.load(Examples.SEED), out, Optional.empty(), Map.of());

        assertEquals(out.toAbsolutePath().normalize(), Path.of(assembly.getDirectory()).toAbsolutePath().normalize());
        assertEquals(Set.copyOf(Apps.seed().stackNames()),
                assembly.getStacksRecursively().stream().map(s -> s.getStackName()).collect(Collectors.toSet()));
    }

    @Test
    void missingDetectorJar_shouldFailNamingTheBuildCommand() {
        App app = new App(AppProps.builder().context(Map.of(DetectorJar.CONTEXT, "/nonexistent/detector.jar")).build());

        var error = assertThrows(AppInputException.class,
                () -> CrossfadeApp.compose(app, Examples.load(Examples.SEED), Optional.empty()));

        assertTrue(error.getMessage().contains("/nonexistent/detector.jar"), error.getMessage());
        assertTrue(error.getMessage().contains("mvn -pl infra -am package -DskipTests"), error.getMessage());
    }

    @Test
    void noDetectorJarInTheRepository_shouldFailNamingTheBuildCommand(@TempDir Path emptyRoot) {
        String before = System.getProperty("crossfade.repoRoot");
        System.setProperty("crossfade.repoRoot", emptyRoot.toString());
        try {
            var error = assertThrows(AppInputException.class, () -> DetectorJar.locate(Optional.empty()));

            assertTrue(error.getMessage().contains(emptyRoot.resolve("functions/target").toString()), error.getMessage());
            assertTrue(error.getMessage().contains("mvn -pl infra -am package -DskipTests"), error.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("crossfade.repoRoot");
            } else {
                System.setProperty("crossfade.repoRoot", before);
            }
        }
    }

    @Test
    void detectorJar_shouldBeTheFunctionsBuildOutput() {
        Path jar = DetectorJar.locate(Optional.empty());

        assertEquals(Examples.repoRoot().resolve("functions/target").toAbsolutePath(), jar.getParent().toAbsolutePath());
        assertTrue(jar.getFileName().toString().matches("crossfade-functions-.*-detector\\.jar"), jar.toString());
    }
}
