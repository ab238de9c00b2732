package dev.crossfade.infra;

import dev.crossfade.infra.workflow.WorkflowJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds the Lambda jars built by the functions module: the detector's
 * ({@code functions/target/crossfade-functions-<version>-detector.jar}) and the four workflow jars
 * ({@code ...-workflow-database.jar} and so on, {@link WorkflowJar}). In order: the context key
 * ({@value #CONTEXT}, {@link WorkflowJar#context()}; e.g. {@code cdk synth -c detectorJar=FILE}), the
 * system property ({@value #PROPERTY}, {@link WorkflowJar#property()}), then the functions build
 * output under the repository root (system
 * property {@code crossfade.repoRoot}, which the launchers and the build set, else the nearest folder
 * up from the working directory that holds {@code functions/pom.xml}).
 */
public final class DetectorJar {

    public static final String CONTEXT = "detectorJar";
    public static final String PROPERTY = "crossfade.detectorJar";
    static final String BUILD_HINT = "run `mvn -pl infra -am package -DskipTests` (or `mvn package`) first";

    private DetectorJar() {}

    /** The detector's jar; @param configured the context value, if any */
    public static Path locate(Optional<String> configured) {
        return locate(configured, "detector", CONTEXT, PROPERTY, "-detector.jar");
    }

    /** Every workflow jar; @param context the CDK context value of a key, if any */
    public static Map<WorkflowJar, Path> locateWorkflow(Function<String, Optional<String>> context) {
        Map<WorkflowJar, Path> jars = new EnumMap<>(WorkflowJar.class);
        for (WorkflowJar jar : WorkflowJar.values()) {
            jars.put(jar, locate(context.apply(jar.context()), jar.classifier(), jar.context(), jar.property(),
                    "-" + jar.classifier() + ".jar", DetectorJar::repoRoot));
        }
        return jars;
    }

    /** One workflow jar, under {@code repoRoot} unless configured; @param configured the context value, if any */
    public static Path locateWorkflow(WorkflowJar jar, Optional<String> configured, Path repoRoot) {
        return locate(configured, jar.classifier(), jar.context(), jar.property(), "-" + jar.classifier() + ".jar", () -> repoRoot);
    }

    private static Path locate(Optional<String> configured, String what, String context, String property, String suffix) {
        return locate(configured, what, context, property, suffix, DetectorJar::repoRoot);
    }

    private static Path locate(Optional<String> configured, String what, String context, String property, String suffix,
                               Supplier<Path> repoRoot) {
        Optional<String> explicit = configured.or(() -> Optional.ofNullable(System.getProperty(property)))
                .filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            Path jar = Path.of(explicit.get()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new AppInputException("the " + what + " jar " + jar + " (from " + context + " / " + property
                        + ") does not exist; " + BUILD_HINT);
            }
            return jar;
        }
        Path target = repoRoot.get().resolve("functions").resolve("target");
        List<Path> jars = jars(target, suffix);
        if (jars.isEmpty()) {
            throw new AppInputException("the " + what + " jar is missing: no crossfade-functions-*" + suffix + " in " + target
                    + "; " + BUILD_HINT);
        }
        return jars.get(0);
    }

    /** Newest first, in case several versions were built. */
    private static List<Path> jars(Path target, String suffix) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("crossfade-functions-") && name.endsWith(suffix);
            }).sorted(Comparator.comparing(DetectorJar::modified).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: {@code crossfade.repoRoot}, else the nearest folder up with functions/pom.xml. */
    public static Path repoRoot() {
        String configured = System.getProperty("crossfade.repoRoot");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("functions").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new AppInputException("cannot find the repository root (a folder with functions/pom.xml) above "
                + Path.of("").toAbsolutePath() + "; run from the repository or set -Dcrossfade.repoRoot");
    }
}
