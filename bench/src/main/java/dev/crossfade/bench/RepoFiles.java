package dev.crossfade.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root (the folder holding {@code events/} and {@code pom.xml}). */
public final class RepoFiles {

    public static final String PROPERTY = "crossfade.repoRoot";

    private RepoFiles() {}

    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("events")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with events/ and pom.xml) at or above " + start
                + "; set -D" + PROPERTY + "=DIR");
    }
}
