package dev.crossfade.cli;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.DecisionJson;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DeploymentFactory;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.StateFormatException;
import dev.crossfade.decision.StateJson;
import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonObject;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the Lambda's own decision engine offline on one event file (docs/detection.md). */
@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Runs the failover decision offline on one EventBridge event (and optional prior state) and prints it.")
final class DecideCommand extends TopologyCommand {

    @Option(names = "--event", paramLabel = "FILE", required = true, description = "The EventBridge event (JSON).")
    Path event;

    @Option(names = "--state", paramLabel = "FILE", description = "Prior detector state (JSON, see docs/detection.md); default: nothing seen yet.")
    Path state;

    @Option(names = "--now", paramLabel = "INSTANT", description = "Evaluation time, ISO-8601; default: the event's own time.")
    String now;

    @Option(names = "--json", description = "Print the decision (and the state after it) as JSON.")
    boolean json;

    @Override
    int run(Topology t, PrintWriter out) {
        Deployment deployment = DeploymentFactory.from(t);
        DetectorState prior = state == null ? DetectorState.empty() : readState();
        DetectorEvent parsed;
        try {
            parsed = new EventParser(deployment).parseFile(read(event, "event"));
        } catch (EventParser.NotJsonException e) {
            throw new BadInputException(event + ": " + e.getMessage());
        }
        DecisionEngine.Outcome outcome = new DecisionEngine().evaluate(deployment, prior, parsed, evaluationTime(parsed));
        print(outcome, out);
        return Main.OK;
    }

    private void print(DecisionEngine.Outcome outcome, PrintWriter out) {
        Decision d = outcome.decision();
        if (json) {
            JsonObject o = DecisionJson.toJson(d);
            try {
                o.putValue("state", JsonCodec.parse(StateJson.write(outcome.state())));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            out.println(o.toString());
        } else {
            out.printf("action     %s%n", d.action());
            d.from().ifPresent(f -> out.printf("from       %s%n", f));
            d.to().ifPresent(t -> out.printf("to         %s%n", t));
            d.executionName().ifPresent(n -> out.printf("execution  %s%n", n));
            out.printf("reason     %s%n", d.reason());
        }
        out.flush();
    }

    private Instant evaluationTime(DetectorEvent parsed) {
        if (now != null) {
            try {
                return Instant.parse(now);
            } catch (DateTimeParseException e) {
                throw new BadInputException("--now '" + now + "' is not an ISO-8601 instant like 2026-01-01T00:00:00Z");
            }
        }
        return switch (parsed) {
            case DetectorEvent.AlarmChange a -> a.at();
            case DetectorEvent.Tick t -> t.at();
            case DetectorEvent.RunStatus r -> r.at();
            case DetectorEvent.Rejected r -> Instant.now();
        };
    }

    private DetectorState readState() {
        try {
            return StateJson.read(new String(read(state, "state"), java.nio.charset.StandardCharsets.UTF_8));
        } catch (StateFormatException e) {
            throw new BadInputException(state + ": " + e.getMessage());
        }
    }

    private static byte[] read(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(what + " file not found: " + file);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + what + " file " + file + ": " + e.getMessage(), e);
        }
    }
}
