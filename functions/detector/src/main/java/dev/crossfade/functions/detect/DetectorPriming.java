package dev.crossfade.functions.detect;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.DecisionJson;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.StateJson;
import dev.crossfade.functions.json.JsonObject;
import dev.crossfade.functions.lambda.SnapStartPriming;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * SnapStart priming: before Lambda snapshots the initialized detector, one decision runs on a
 * synthetic alarm of this application, in memory and without any AWS call, so that the snapshot
 * holds the event parser, the engine and the JSON classes already loaded and initialized.
 */
public final class DetectorPriming extends SnapStartPriming<Decision> {

    private final Deployment deployment;

    public DetectorPriming(Deployment deployment) {
        this.deployment = Objects.requireNonNull(deployment);
    }

    /** Registers with the global CRaC context; the caller keeps the instance, which CRaC holds only weakly. */
    public static DetectorPriming register(Deployment deployment) {
        return registered(new DetectorPriming(deployment));
    }

    /** The decision path of one alarm on an empty state: parse, decide, write state, decision and a log line. */
    @Override
    public Decision warmUp() {
        Instant now = Instant.now();
        DetectorEvent event = new EventParser(deployment).parse(syntheticAlarm(now));
        DetectorState state = DetectorState.empty();
        DecisionEngine.Outcome outcome = new DecisionEngine().evaluate(deployment, state, event, now);
        StateJson.read(StateJson.write(outcome.state()));
        JsonLog log = new JsonLog(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        log.write(log.entry("INFO", "priming").putAll(DecisionJson.toJson(outcome.decision())));
        // the metrics line's classes too (written to nowhere: priming counts nothing)
        log.write(dev.crossfade.functions.json.EmbeddedMetrics.in(DecisionPublisher.NAMESPACE, now).dimension("Application", "priming")
                .dimension("Action", outcome.decision().action().name()).metric("Decisions", 1, "Count").toJson());
        return outcome.decision();
    }

    /** An ALARM of the primary region's first signal, shaped as EventBridge delivers it. */
    byte[] syntheticAlarm(Instant at) {
        String region = deployment.primary().name();
        JsonObject state = new JsonObject().put("value", "ALARM").put("timestamp", at.toString());
        JsonObject detail = new JsonObject().put("alarmName", deployment.alarmPrefix() + region + "-alb-5xx").putValue("state", state);
        return new JsonObject().put("source", "aws.cloudwatch").put("detail-type", "CloudWatch Alarm State Change")
                .put("account", deployment.account().orElse("000000000000")).put("region", region).put("time", at.toString())
                .putValue("detail", detail).toString().getBytes(StandardCharsets.UTF_8);
    }
}
