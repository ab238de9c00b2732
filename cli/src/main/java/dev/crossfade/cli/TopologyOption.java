package dev.crossfade.cli;

import dev.crossfade.topology.Problem;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import dev.crossfade.topology.TopologyWarnings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --topology FILE} option shared by every command (a picocli mixin). */
public final class TopologyOption {

    @Option(names = {"-t", "--topology"}, paramLabel = "FILE", required = true,
            description = "The topology file (YAML or JSON).")
    Path file;

    /** Parses and validates the file; a bad file ends the command with exit 2 and every problem listed. */
    public Topology load() {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("topology file not found: " + file);
        }
        return TopologyParser.parse(file);
    }

    /** Prints each {@link TopologyWarnings} entry as {@code warning: <key path>: <message>}. */
    static void printWarnings(Topology topology, PrintWriter out) {
        for (Problem warning : TopologyWarnings.of(topology)) {
            out.printf("warning: %s%n", warning);
        }
    }

    public Path file() {
        return file;
    }
}
