package dev.crossfade.bench.jarsize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.bench.RepoFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Each deployable jar carries exactly the AWS SDK services its modules declare, and no other
 * deployable's code: the modules' poms, not an exclusion list, decide what goes in
 * (docs/architecture.md). A new service in a module shows up here first.
 */
class JarServicesTest {

    private static final Map<String, Set<String>> SERVICES = Map.of(
            "detector", Set.of("cloudwatch", "dynamodb", "eventbridge", "sfn"),
            "workflow-database", Set.of("cloudwatch", "dynamodb", "rds"),
            "workflow-traffic", Set.of("cloudwatch", "dynamodb", "globalaccelerator"),
            "workflow-capacity", Set.of("ecs"),
            "workflow-run", Set.of("cloudwatch", "dynamodb", "eventbridge"));

    /** The project's packages a jar must not hold: the other deployables' code. */
    private static final Map<String, List<String>> FOREIGN = Map.of(
            "detector", List.of("dev/crossfade/functions/workflow/"),
            "workflow-database", List.of("dev/crossfade/functions/detect/", "dev/crossfade/functions/workflow/traffic/",
                    "dev/crossfade/functions/workflow/capacity/", "dev/crossfade/functions/workflow/run/"),
            "workflow-traffic", List.of("dev/crossfade/functions/detect/", "dev/crossfade/functions/workflow/database/",
                    "dev/crossfade/functions/workflow/capacity/", "dev/crossfade/functions/workflow/run/"),
            "workflow-capacity", List.of("dev/crossfade/functions/detect/", "dev/crossfade/functions/workflow/state/",
                    "dev/crossfade/functions/workflow/database/", "dev/crossfade/functions/workflow/traffic/",
                    "dev/crossfade/functions/workflow/run/"),
            "workflow-run", List.of("dev/crossfade/functions/detect/", "dev/crossfade/functions/workflow/database/",
                    "dev/crossfade/functions/workflow/traffic/", "dev/crossfade/functions/workflow/capacity/"));

    @Test
    void everyDeployable_shouldCarryExactlyItsModulesServices_andNoOtherDeployablesCode() throws IOException {
        Map<String, Set<String>> services = new TreeMap<>();
        Map<String, Set<String>> foreign = new TreeMap<>();
        for (Path jar : JarSizes.deployables(RepoFiles.root().resolve("functions/target"))) {
            String classifier = JarSizes.classifier(jar.getFileName().toString());
            Set<String> found = new TreeSet<>();
            Set<String> strays = new TreeSet<>();
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream().map(e -> e.getName()).forEach(name -> {
                    String[] parts = name.split("/");
                    if (name.startsWith("software/amazon/awssdk/services/") && parts.length > 4) {
                        found.add(parts[4]);
                    }
                    FOREIGN.getOrDefault(classifier, List.of()).stream().filter(name::startsWith).findFirst().ifPresent(strays::add);
                });
            }
            services.put(classifier, found);
            foreign.put(classifier, strays);
        }

        assertEquals(new TreeMap<>(SERVICES), services, "SDK services per deployable jar (functions/target)");
        foreign.forEach((jar, strays) -> assertEquals(Set.of(), strays, jar + " holds another deployable's code"));
    }
}
