package dev.crossfade.cli;

import dev.crossfade.cli.remote.AwsAccessException;
import dev.crossfade.cli.remote.PastRun;
import dev.crossfade.cli.remote.RunReport;
import dev.crossfade.cli.remote.SfnClients;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The drill report of a past run in the account (docs/operations.md, "Reports of real runs"). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rebuilds the drill report of a past workflow run from its execution history and its run record: "
                + "the progress lines and phase timeline, the result, who approved, and optionally the same JSON and HTML "
                + "as the local drill's report, naming the start time, the topology file, the execution and the step of each mutation.",
                "Exit codes: 0 reported; 2 bad input, no such execution or workflow not deployed; 1 unexpected."})
final class ReportCommand extends AccountCommand {

    @Option(names = "--execution", paramLabel = "NAME", description = "Execution name or ARN (default: the latest run that ended, in any enabled region).")
    String execution;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report JSON here.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the self-contained HTML report here.")
    Path html;

    @Override
    int run(Topology t, PrintWriter out) {
        var credentials = DefaultCredentialsProvider.builder().build();
        try (SfnClients sfn = new SfnClients(credentials, endpoint.endpoint())) {
            PastRun past = new PastRun(t, sfn, out);
            PastRun.Rebuilt run = past.rebuild(past.find(Optional.ofNullable(execution)), topology.file(), credentials, endpoint.endpoint());
            RunReport.write(run.report(), run.facts(), run.mutations(), run.runRecord(), Optional.ofNullable(json), Optional.ofNullable(html))
                    .forEach(out::println);
            out.flush();
            return Main.OK;
        } catch (AwsAccessException e) {
            return e.reportTo(err());
        }
    }
}
