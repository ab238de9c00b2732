package dev.crossfade.cli;

import dev.crossfade.cli.remote.ApprovalAnswer;
import dev.crossfade.cli.remote.AwsAccessException;
import dev.crossfade.cli.remote.Confirmer;
import dev.crossfade.cli.remote.RemoteRun;
import dev.crossfade.cli.remote.SfnClients;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options and flow shared by {@code approve} and {@code reject} (docs/operations.md, "Approvals"). */
abstract class ApprovalCommand extends AccountCommand {

    @Option(names = "--run", paramLabel = "NAME",
            description = "The waiting run: execution name or ARN (default: the only run that waits, in any enabled region).")
    String run;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why; kept in the run record (approval) or its cause (refusal).")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", description = "Who answers (default: the user name of this shell).")
    String by;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation (required without a terminal).")
    boolean yes;

    /** true: approve (SendTaskSuccess); false: refuse (SendTaskFailure). */
    private final boolean approve;

    ApprovalCommand(boolean approve) {
        this.approve = approve;
    }

    @Override
    int run(Topology t, PrintWriter out) {
        String who = by != null && !by.isBlank() ? by : System.getProperty("user.name", "unknown");
        try (SfnClients sfn = SfnClients.withDefaultCredentials(endpoint.endpoint());
             RemoteRun follower = RemoteRun.connect(t, endpoint, out)) {
            return new ApprovalAnswer(t, approve, out, Clock.systemUTC()).answer(sfn, Optional.ofNullable(run), who,
                    Optional.ofNullable(reason), yes, Confirmer.TERMINAL, follower);
        } catch (AwsAccessException e) {
            return e.reportTo(err());
        }
    }
}
