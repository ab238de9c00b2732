package dev.crossfade.cli.testutils;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root folder, for the tests that read its examples, events and state machines. */
public final class RepoRoot {

    private RepoRoot() {}

    /** System property {@code crossfade.repoRoot} (surefire sets it), else the nearest folder up from here with examples/. */
    public static Path path() {
        String prop = System.getProperty("crossfade.repoRoot");
        Path dir = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a folder with examples/)");
        }
        return dir;
    }
}
