package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.Main;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.TimelinePrinter;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import java.io.IOException;
import java.io.PrintWriter;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/** The end of a followed run: the timeline (or a dry run's plan), the outcome and its exit code. */
final class RunSummary {

    private final PrintWriter out;
    private final java.time.Duration timeout;

    RunSummary(PrintWriter out, java.time.Duration timeout) {
        this.out = out;
        this.timeout = timeout;
    }

    int print(RemoteRun.Started started, ExecutionFollower.Followed run, DrillReport report, TimelinePrinter printer) {
        DescribeExecutionResponse execution = run.execution();
        if (run.timedOut()) {
            out.printf("%nStill %s after following it for %s: %s%nFollow it with `crossfade status` or in the console.%n",
                    execution.statusAsString(), timeout, started.executionArn());
            out.flush();
            return Main.UNEXPECTED;
        }
        boolean dryRun = started.request().mode() == WorkflowMode.DRY_RUN;
        if (dryRun && report.result() == DrillReport.Result.SUCCEEDED) {
            printDryRun(execution.output());
        } else {
            printer.summary(report);
        }
        String stop = execution.error() == null ? "" : execution.error() + (execution.cause() == null ? "" : ": " + execution.cause());
        int code = switch (report.result()) {
            case SUCCEEDED -> {
                out.printf("%nResult: SUCCEEDED (%s)%n", dryRun ? "dry run, nothing changed" : started.request().to() + " is the primary");
                yield Main.OK;
            }
            case ABORTED -> {
                out.printf("%nResult: stopped safely by a guard, nothing left half-done%n  cause: %s%n", stop);
                yield Main.REFUSED;
            }
            case FAILED -> {
                out.printf("%nResult: %s%n  cause: %s%n  An operator must act: see docs/workflow.md (Outcomes) and the execution %s%n",
                        execution.statusAsString(), stop.isEmpty() ? "(none given)" : stop, started.executionArn());
                yield Main.UNEXPECTED;
            }
            // only the local drill decides; a started workflow run always ends in one of the above
            case NO_FAILOVER -> throw new IllegalStateException("a workflow run cannot end without a failover decision");
        };
        out.flush();
        return code;
    }

    /** The dry run's output: {@code {"dryRun": {"plan", "preflight", "wouldAbort"}}}. */
    private void printDryRun(String output) {
        JsonNode dryRun = read(output).path("dryRun");
        JsonNode plan = dryRun.path("plan");
        out.printf("%nDry run: %s of %s from %s to %s, nothing changed. The run would make these calls:%n",
                plan.path("mode").asText("?"), plan.path("application").asText("?"), plan.path("from").asText("?"),
                plan.path("to").asText("?"));
        out.printf("%3s  %-13s %-9s %-9s %-10s %-31s %s%n", "#", "phase", "plane", "change", "region", "call", "what");
        for (JsonNode s : plan.path("steps")) {
            out.printf("%3d  %-13s %-9s %-9s %-10s %-31s %s%n", s.path("order").asInt(), s.path("phase").asText(),
                    s.path("plane").asText().toLowerCase(java.util.Locale.ROOT), s.path("mutating").asBoolean() ? "mutating" : "read",
                    s.path("region").asText(), s.path("service").asText() + ":" + s.path("api").asText(), s.path("action").asText());
        }
        if (!dryRun.path("preflight").isMissingNode() && !dryRun.path("preflight").isNull()) {
            out.printf("Preflight: %s%n", dryRun.path("preflight"));
        }
        JsonNode wouldAbort = dryRun.path("wouldAbort");
        out.printf("A real run %s%n", wouldAbort.isTextual() ? "would stop: " + wouldAbort.asText() : "would pass the preflight");
    }

    private static JsonNode read(String json) {
        try {
            return new ObjectMapper().readTree(json == null ? "{}" : json);
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode();
        }
    }
}
