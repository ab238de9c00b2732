package dev.crossfade.cli;

import dev.crossfade.cli.remote.AwsAccessException;
import dev.crossfade.cli.remote.SfnClients;
import dev.crossfade.cli.remote.StatusReport;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The workflow's latest runs in every enabled region (docs/operations.md). */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Lists the failover workflow's latest executions (newest first, at most "
                + StatusReport.LATEST + ") in every enabled region, with the current state of a running one.",
                "Exit codes: 0 read every region; 2 bad input or the workflow missing in a region; 1 unexpected."})
final class StatusCommand extends AccountCommand {

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    int run(Topology t, PrintWriter out) {
        List<StatusReport.RegionStatus> regions;
        try (SfnClients sfn = SfnClients.withDefaultCredentials(endpoint.endpoint())) {
            regions = new StatusReport(t, sfn).read();
        } catch (AwsAccessException e) {
            return e.reportTo(err());
        }
        if (json) {
            out.println(StatusReport.toJson(t.name(), regions).toPrettyString());
        } else {
            print(t, regions, out);
        }
        out.flush();
        regions.stream().filter(r -> r.error() != null).findFirst()
                .ifPresent(r -> { throw new BadInputException(r.error()); });
        return Main.OK;
    }

    private static void print(Topology t, List<StatusReport.RegionStatus> regions, PrintWriter out) {
        for (StatusReport.RegionStatus r : regions) {
            out.printf("%s  %s%n", r.region(), r.error() != null ? "(" + r.error() + ")" : r.stateMachineArn());
            if (r.error() == null && r.executions().isEmpty()) {
                out.println("  no executions");
            }
            for (StatusReport.Execution e : r.executions()) {
                out.printf("  %-9s %-48s %-10s %s -> %s  started %s%s%s%n", e.status(), e.name(),
                        e.mode() == null ? "?" : e.mode(), e.from(), e.to(), e.startDate(),
                        e.stopDate() == null ? "" : ", stopped " + e.stopDate(),
                        e.currentState() != null ? ", now in " + e.currentState()
                                : e.error() != null ? ", " + e.error() + (e.cause() == null ? "" : ": " + e.cause()) : "");
            }
        }
    }
}
