package dev.crossfade.cli;

import picocli.CommandLine.Command;

/** Refuses a data loss over the RPO budget: the waiting run stops safely. */
@Command(name = "reject", mixinStandardHelpOptions = true,
        description = {"Refuses the failover run that waits for a person: shows what it would have done, asks for the target "
                + "region to be typed (unless --yes), sends SendTaskFailure (error ApprovalRefused, cause naming who and why); "
                + "the run stops safely with nothing promoted.",
                "Exit codes: 0 refused; 2 no run waits, several wait without --run, bad input or no terminal without --yes; "
                        + "3 not confirmed, or the run stopped waiting meanwhile; 1 unexpected."})
final class RejectCommand extends ApprovalCommand {

    RejectCommand() {
        super(false);
    }
}
