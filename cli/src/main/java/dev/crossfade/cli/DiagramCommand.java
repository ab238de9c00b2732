package dev.crossfade.cli;

import dev.crossfade.cli.diagram.TopologySvg;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The topology as a picture (README, Commands). */
@Command(name = "diagram", mixinStandardHelpOptions = true,
        description = {"Draws the topology as a plain SVG: DNS and the accelerator, each enabled region (primary first by "
                + "priority) with what runs there, database replication arrows and who watches whom.",
                "Exit codes: 0 written; 2 bad topology; 1 the file cannot be written."})
final class DiagramCommand implements Callable<Integer> {

    @Mixin
    TopologyOption topology;

    @Option(names = "--svg", paramLabel = "FILE", required = true, description = "Write the SVG here.")
    Path svg;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Topology t = topology.load();
        Path parent = svg.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(svg, TopologySvg.render(t));
        spec.commandLine().getOut().println("svg: " + svg.toAbsolutePath());
        return Main.OK;
    }
}
