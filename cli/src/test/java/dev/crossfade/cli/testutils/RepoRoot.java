package dev.crossfade.cli.testutils;

import dev.crossfade.infra.DetectorJar;
import java.nio.file.Path;

/** The repository's root folder, for the tests that read its examples, events and state machines. */
public final class RepoRoot {

    private RepoRoot() {}

    /**
     * The root as the CLI itself finds it ({@link DetectorJar#repoRoot()}): system property
     * {@code crossfade.repoRoot} (surefire sets it), else the nearest folder up from here with functions/pom.xml.
     */
    public static Path path() {
        return DetectorJar.repoRoot();
    }
}
