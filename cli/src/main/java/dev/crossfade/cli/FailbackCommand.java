package dev.crossfade.cli;

import dev.crossfade.cli.remote.RegionChoice;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Back to the original primary after a failover (docs/operations.md). */
@Command(name = "failback", mixinStandardHelpOptions = true,
        description = {"Starts a failback (workflow mode failback: rebuild replication, then a planned switch) "
                + "to the topology's primary region, in that region, then follows it and prints the phase timeline.",
                "Exit codes: 0 succeeded; 2 bad input or workflow not deployed; 3 stopped safely by a guard "
                        + "or not confirmed; 1 failed otherwise."})
final class FailbackCommand extends WorkflowRunCommand {

    @Option(names = "--from", paramLabel = "REGION",
            description = "The current primary (default: the best-priority enabled region other than --to).")
    String from;

    @Option(names = "--to", paramLabel = "REGION", description = "The region to return to (default: the topology's primary).")
    String to;

    @Override
    WorkflowMode mode() {
        return WorkflowMode.FAILBACK;
    }

    @Override
    RegionChoice regions(Topology t) {
        return RegionChoice.backTo(t, Optional.ofNullable(from), Optional.ofNullable(to));
    }
}
