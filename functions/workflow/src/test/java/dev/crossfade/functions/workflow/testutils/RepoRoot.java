package dev.crossfade.functions.workflow.testutils;

import java.nio.file.Path;

/** The repository root: Maven passes it as {@code crossfade.repoRoot}; else two folders up (functions/MODULE). */
public final class RepoRoot {

    private RepoRoot() {}

    public static Path path() {
        String root = System.getProperty("crossfade.repoRoot");
        return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent().getParent();
    }
}
