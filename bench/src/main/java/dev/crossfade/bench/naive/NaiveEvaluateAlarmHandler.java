package dev.crossfade.bench.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.DecisionJson;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.Incident;
import dev.crossfade.decision.StateJson;
import dev.crossfade.functions.detect.DetectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The cold-start baseline: the detector's decision on one alarm event, with the same AWS calls
 * in the same order as {@code EvaluateAlarmHandler} on its first evaluation (read state, take
 * the lock, write state, start the workflow, confirm, audit, metrics, notify), written the way a
 * handler usually is: clients from the SDK's defaults (Apache HTTP client found on the
 * classpath, default credential and region chains), only the endpoint overridden so that it
 * reaches the emulator. Not for production: no retries on a lost race, no replica-lag check.
 */
public final class NaiveEvaluateAlarmHandler implements RequestStreamHandler {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DetectorConfig config = DetectorConfig.fromEnv(System.getenv());
    private final URI endpoint = config.endpointOverride().orElseThrow(
            () -> new IllegalStateException(DetectorConfig.ENDPOINT + " must name the emulator"));
    private final DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(endpoint).build();
    private final CloudWatchClient cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).build();
    private final EventBridgeClient events = EventBridgeClient.builder().endpointOverride(endpoint).build();
    private final DecisionEngine engine = new DecisionEngine();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        DetectorEvent event = new EventParser(config.deployment()).parseLenient(input.readAllBytes());
        Decision decision = event instanceof DetectorEvent.Rejected r ? Decision.none(r.reason()) : decide(event);
        output.write(DecisionJson.toJson(decision).toString().getBytes(StandardCharsets.UTF_8));
    }

    private Decision decide(DetectorEvent event) {
        Instant now = Instant.now();
        String table = config.stateTable();
        GetItemResponse item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", s("STATE"), "sk", s("CURRENT"))));
        DetectorState loaded = item.hasItem() && !item.item().isEmpty()
                ? StateJson.read(item.item().get("state").s()).withVersion(Long.parseLong(item.item().get("version").n()))
                : DetectorState.empty();
        DecisionEngine.Outcome outcome = engine.evaluate(config.deployment(), loaded, event, now);
        Optional<Incident> incident = outcome.state().openIncident();
        if (outcome.decision().action() == Decision.Action.FAILOVER) {
            Incident i = incident.orElseThrow();
            DynamoDbClient target = DynamoDbClient.builder().endpointOverride(endpoint).region(Region.of(i.to())).build();
            target.putItem(b -> b.tableName(table).item(Map.of("pk", s("LOCK#" + i.from()), "sk", s("FAILOVER"),
                    "to", s(i.to()), "executionName", s(i.executionName().orElseThrow()),
                    "lockedAt", n(now.getEpochSecond()), "lockedBy", s(config.region())))
                    .conditionExpression("attribute_not_exists(pk)"));
        }
        long version = loaded.version() + 1;
        DetectorState saved = outcome.state().withVersion(version);
        putState(saved, loaded.version(), now);
        Optional<Incident> pending = saved.openIncident().filter(i -> i.executionName().isPresent() && !i.started());
        if (pending.isPresent()) {
            Incident i = pending.get();
            String workflowInput = MAPPER.createObjectNode().put("mode", "failover").put("from", i.from()).put("to", i.to())
                    .put("reason", outcome.decision().reason()).put("incidentId", i.id()).toString();
            SfnClient sfn = SfnClient.builder().endpointOverride(endpoint).region(Region.of(i.to())).build();
            sfn.startExecution(b -> b.stateMachineArn(config.stateMachineArn(i.to())).name(i.executionName().get()).input(workflowInput));
            putState(saved.withIncident(Optional.of(i.markStarted())), version, now);
        }
        String decisionJson = DecisionJson.toJson(outcome.decision()).toString();
        dynamo.putItem(b -> b.tableName(table).item(Map.of("pk", s("AUDIT#" + now.toString().substring(0, 10)),
                "sk", s(now + "#" + UUID.randomUUID()), "decision", s(decisionJson), "detectorRegion", s(config.region()))));
        cloudWatch.putMetricData(b -> b.namespace("Crossfade/Detector").metricData(m -> m.metricName("Decisions")
                .unit(StandardUnit.COUNT).value(1.0).timestamp(now)
                .dimensions(d -> d.name("Action").value(outcome.decision().action().name()))));
        if (outcome.decision().action() != Decision.Action.NONE) {
            events.putEvents(b -> b.entries(e -> e.source("crossfade.detector").detailType("Failover Decision")
                    .detail(decisionJson).eventBusName("default")));
        }
        return outcome.decision();
    }

    private void putState(DetectorState state, long expectedVersion, Instant now) {
        long version = expectedVersion + 1;
        dynamo.putItem(b -> b.tableName(config.stateTable())
                .item(Map.of("pk", s("STATE"), "sk", s("CURRENT"), "state", s(StateJson.write(state.withVersion(version))),
                        "version", n(version), "updatedAt", s(now.toString())))
                .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :expected")
                .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":expected", n(expectedVersion))));
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
