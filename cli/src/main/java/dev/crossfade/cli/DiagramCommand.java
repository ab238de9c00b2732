package dev.crossfade.cli;

import dev.crossfade.cli.diagram.TopologySvg;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The topology as a picture (README, Commands). */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = {"Draws the topology as a plain SVG: DNS and the accelerator, each enabled region (primary first by "
                + "priority) with what runs there, database replication arrows and who watches whom.",
                "Exit codes: 0 written; 2 bad topology; 1 the file cannot be written."})
final class DiagramCommand extends TopologyCommand {

    @Option(names = "--svg", paramLabel = "FILE", required = true, description = "Write the SVG here.")
    Path svg;

    @Override
    int run(Topology t, PrintWriter out) throws IOException {
        Path parent = svg.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(svg, TopologySvg.render(t));
        out.println("svg: " + svg.toAbsolutePath());
        return Main.OK;
    }
}
