package dev.crossfade.cli;

import dev.crossfade.cli.remote.RegionChoice;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** An unplanned failover in the account (docs/operations.md). */
@Command(name = "failover", mixinStandardHelpOptions = true,
        description = {"Starts an unplanned failover (workflow mode failover) in the account: the state machine "
                + "<project>-<environment>-failover in the target region, then follows it and prints the phase timeline.",
                "Exit codes: 0 succeeded; 2 bad input or workflow not deployed; 3 stopped safely by a guard "
                        + "or not confirmed; 1 failed otherwise."})
final class FailoverCommand extends WorkflowRunCommand {

    @Option(names = "--from", paramLabel = "REGION", description = "The region losing the primary role (default: the topology's primary).")
    String from;

    @Option(names = "--to", paramLabel = "REGION", description = "The region to activate (default: the best-priority other enabled region).")
    String to;

    @Override
    WorkflowMode mode() {
        return WorkflowMode.FAILOVER;
    }

    @Override
    RegionChoice regions(Topology t) {
        return RegionChoice.awayFrom(t, Optional.ofNullable(from), Optional.ofNullable(to));
    }
}
