package dev.crossfade.cli;

import picocli.CommandLine.Command;

/** Approves a data loss over the RPO budget for the run that waits for it. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves the failover run that waits for a person (replica lag over the RPO budget): shows the lag, "
                + "the budget and the target, asks for the target region to be typed (unless --yes), sends SendTaskSuccess "
                + "with who approved and why, then follows the run to its end.",
                "Exit codes: as failover once the run goes on; 2 no run waits, several wait without --run, bad input or no "
                        + "terminal without --yes; 3 not confirmed, or the run stopped waiting meanwhile; 1 unexpected."})
final class ApproveCommand extends ApprovalCommand {

    ApproveCommand() {
        super(true);
    }
}
