package dev.crossfade.cli.remote;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code drill}/{@code failover}/{@code failback --report F --html F} write the run's report
 * ({@link RunReport}) once it ends; {@code topologyFile} is how the report names the topology.
 */
public record ReportFiles(Optional<Path> json, Optional<Path> html, Path topologyFile) {

    public static ReportFiles none(Path topologyFile) {
        return new ReportFiles(Optional.empty(), Optional.empty(), topologyFile);
    }

    void write(dev.crossfade.topology.Topology topology, RemoteRun.Started started, RemoteRun.Outcome outcome, PrintWriter out) {
        if (json.isEmpty() && html.isEmpty()) {
            return;
        }
        RunReport.RunFacts facts = new RunReport.RunFacts(started.request().name(), started.executionArn(), started.region(),
                outcome.run().execution().startDate(), topologyFile);
        RunReport.write(outcome.report(), facts, RunReport.mutations(topology, started.request(), outcome.run().history()),
                Optional.empty(), json, html).forEach(out::println);
        out.flush();
    }
}
