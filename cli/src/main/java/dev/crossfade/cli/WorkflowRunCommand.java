package dev.crossfade.cli;

import dev.crossfade.cli.remote.Confirmer;
import dev.crossfade.cli.remote.RegionChoice;
import dev.crossfade.cli.remote.RemoteRun;
import dev.crossfade.cli.remote.ReportFiles;
import dev.crossfade.cli.remote.RunOptions;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options and flow shared by {@code failover} and {@code failback} (docs/operations.md): start
 * the workflow in the target region, follow it, print the phase timeline and write its report.
 */
abstract class WorkflowRunCommand extends TopologyCommand {

    @Mixin
    RunOptions run;

    @Option(names = "--report", paramLabel = "FILE", description = "When the run ends, write its report JSON here (docs/operations.md).")
    Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "When the run ends, write its HTML report here.")
    Path html;

    /** The workflow mode this command starts. */
    abstract WorkflowMode mode();

    /** The regions to move from and to: the command's {@code --from}/{@code --to}, else its defaults for {@code t}. */
    abstract RegionChoice regions(Topology t);

    @Override
    int run(Topology t, PrintWriter out) {
        return RemoteRun.execute(t, mode(), regions(t), run, Confirmer.TERMINAL, out, err(),
                new ReportFiles(Optional.ofNullable(report), Optional.ofNullable(html), topology.file()));
    }
}
