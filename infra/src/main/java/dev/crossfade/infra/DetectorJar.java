package dev.crossfade.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the detector Lambda's shaded jar, built by the functions module
 * ({@code functions/target/crossfade-functions-<version>-detector.jar}). In order: the context key
 * {@value #CONTEXT} ({@code cdk synth -c detectorJar=FILE}), the system property {@value #PROPERTY},
 * then the functions build output under the repository root (system property
 * {@code crossfade.repoRoot}, which the launchers and the build set, else the nearest folder up
 * from the working directory that holds {@code functions/pom.xml}).
 */
public final class DetectorJar {

    public static final String CONTEXT = "detectorJar";
    public static final String PROPERTY = "crossfade.detectorJar";
    static final String BUILD_HINT = "run `mvn -pl functions -am package` (or `mvn package`) first";

    private DetectorJar() {}

    /** @param configured the context value, if any */
    public static Path locate(Optional<String> configured) {
        Optional<String> explicit = configured.or(() -> Optional.ofNullable(System.getProperty(PROPERTY)))
                .filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            Path jar = Path.of(explicit.get()).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new AppInputException("the detector jar " + jar + " (from " + CONTEXT + " / " + PROPERTY
                        + ") does not exist; " + BUILD_HINT);
            }
            return jar;
        }
        Path target = repoRoot().resolve("functions").resolve("target");
        List<Path> jars = jars(target);
        if (jars.isEmpty()) {
            throw new AppInputException("the detector jar is missing: no crossfade-functions-*-detector.jar in " + target
                    + "; " + BUILD_HINT);
        }
        return jars.get(0);
    }

    /** Newest first, in case several versions were built. */
    private static List<Path> jars(Path target) {
        if (!Files.isDirectory(target)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith("crossfade-functions-") && name.endsWith("-detector.jar");
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

    static Path repoRoot() {
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
