package dev.crossfade.cli.drill;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one temporary folder of a drill, outside the repository: moto's files, every PostgreSQL
 * data directory and its initdb template, the PostgreSQL commands' logs. {@link #close()} removes
 * it whole; the drill calls it on every path (normal end, failure, and a shutdown hook for Ctrl-C).
 */
public final class DrillScratch implements AutoCloseable {

    private final Path root;

    private DrillScratch(Path root) {
        this.root = root;
    }

    /**
     * A new folder under the system temp directory. Mode 711: PostgreSQL runs as an unprivileged
     * user when the drill runs as root, and must traverse it to reach the data directories it owns.
     */
    public static DrillScratch create() {
        return create(Path.of(System.getProperty("java.io.tmpdir")));
    }

    static DrillScratch create(Path parent) {
        try {
            Path root = Files.createTempDirectory(parent, "crossfade-drill-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx--x--x")));
            return new DrillScratch(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the drill's temporary folder under " + parent, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Removes the folder and all it holds; safe to call twice and from a shutdown hook. */
    @Override
    public synchronized void close() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file a still-stopping server writes: the walk below reports what is left
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // a folder vanished under the walk: check what is left below
        }
        if (Files.exists(root)) {
            System.err.println("crossfade: could not remove all of " + root + "; remove it by hand");
        }
    }
}
