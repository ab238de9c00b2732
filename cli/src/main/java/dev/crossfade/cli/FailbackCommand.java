package dev.crossfade.cli;

import dev.crossfade.cli.remote.Confirmer;
import dev.crossfade.cli.remote.RegionChoice;
import dev.crossfade.cli.remote.RemoteRun;
import dev.crossfade.cli.remote.RunOptions;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Back to the original primary after a failover (docs/operations.md). */
@Command(name = "failback", mixinStandardHelpOptions = true,
        description = {"Starts a failback (workflow mode failback: rebuild replication, then a planned switch) "
                + "to the topology's primary region, in that region, then follows it and prints the phase timeline.",
                "Exit codes: 0 succeeded; 2 bad input or workflow not deployed; 3 stopped safely by a guard "
                        + "or not confirmed; 1 failed otherwise."})
final class FailbackCommand implements Callable<Integer> {

    @Mixin
    TopologyOption topology;

    @Mixin
    RunOptions run;

    @Option(names = "--from", paramLabel = "REGION",
            description = "The current primary (default: the best-priority enabled region other than --to).")
    String from;

    @Option(names = "--to", paramLabel = "REGION", description = "The region to return to (default: the topology's primary).")
    String to;

    @Option(names = "--report", paramLabel = "FILE", description = "When the run ends, write its report JSON here (docs/operations.md).")
    java.nio.file.Path report;

    @Option(names = "--html", paramLabel = "FILE", description = "When the run ends, write its HTML report here.")
    java.nio.file.Path html;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Topology t = topology.load();
        RegionChoice regions = RegionChoice.backTo(t, Optional.ofNullable(from), Optional.ofNullable(to));
        return RemoteRun.execute(t, WorkflowMode.FAILBACK, regions, run, Confirmer.TERMINAL,
                spec.commandLine().getOut(), spec.commandLine().getErr(),
                new dev.crossfade.cli.remote.ReportFiles(Optional.ofNullable(report), Optional.ofNullable(html), topology.file()));
    }
}
