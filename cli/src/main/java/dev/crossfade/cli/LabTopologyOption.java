package dev.crossfade.cli;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --topology FILE} option of {@code drill} and {@code chaos} (a picocli mixin): unlike
 * {@link TopologyOption} it defaults to the seed example, so that the local lab runs with no flags.
 */
final class LabTopologyOption {

    @Option(names = {"-t", "--topology"}, paramLabel = "FILE", description = "The topology file (default: ${DEFAULT-VALUE}).",
            defaultValue = "examples/seed-active-passive.yaml")
    Path file;

    /**
     * Parses and validates the file (a bad one is exit 2). A relative path not found here is looked
     * up in the repository (the launcher passes its root).
     */
    Topology load() {
        Path found = file;
        String root = System.getProperty("crossfade.repoRoot");
        if (!Files.isRegularFile(found) && !found.isAbsolute() && root != null && Files.isRegularFile(Path.of(root).resolve(found))) {
            found = Path.of(root).resolve(found);
        }
        if (!Files.isRegularFile(found)) {
            throw new BadInputException("topology file not found: " + file);
        }
        return TopologyParser.parse(found);
    }

    /** The file as given (how reports and replay hints name it). */
    Path file() {
        return file;
    }
}
