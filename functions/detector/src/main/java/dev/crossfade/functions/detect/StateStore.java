package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;

import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.StateJson;
import dev.crossfade.functions.aws.AwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The detector's DynamoDB table (partition key {@code pk}, sort key {@code sk}): the state item
 * written with optimistic locking, the audit trail, and failover locks (docs/detection.md).
 */
public final class StateStore {

    private static final Map<String, AttributeValue> STATE_KEY = Map.of("pk", s("STATE"), "sk", s("CURRENT"));

    private final AwsClients clients;
    private final String table;
    private final String region;

    public StateStore(AwsClients clients, String table, String region) {
        this.clients = clients;
        this.table = table;
        this.region = region;
    }

    public DetectorState load() {
        GetItemResponse r = clients.get(DYNAMODB, region).getItem(b -> b.tableName(table).key(STATE_KEY).consistentRead(true));
        if (!r.hasItem() || r.item().isEmpty()) {
            return DetectorState.empty();
        }
        return StateJson.read(r.item().get("state").s()).withVersion(Long.parseLong(r.item().get("version").n()));
    }

    /** Writes {@code next} only if nobody wrote since {@code expectedVersion} was read; false if someone did. */
    public boolean save(DetectorState next, long expectedVersion, Instant now) {
        long version = expectedVersion + 1;
        String json = StateJson.write(next.withVersion(version));
        try {
            clients.get(DYNAMODB, region).putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("STATE"), "sk", s("CURRENT"), "state", s(json),
                            "version", n(version), "updatedAt", s(now.toString())))
                    .conditionExpression(expectedVersion == 0 ? "attribute_not_exists(pk)" : "version = :expected")
                    .expressionAttributeValues(expectedVersion == 0 ? null : Map.of(":expected", n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Appends one decision to the audit trail (partitioned by day, sorted by time). */
    public void audit(Instant now, String decisionJson, String eventSummary) {
        clients.get(DYNAMODB, region).putItem(b -> b.tableName(table).item(Map.of(
                "pk", s("AUDIT#" + now.toString().substring(0, 10)),
                "sk", s(now + "#" + UUID.randomUUID()),
                "decision", s(decisionJson),
                "event", s(eventSummary),
                "detectorRegion", s(region))));
    }

    /**
     * Takes the failover lock for {@code from} in the target region's table, so that detectors
     * in different regions cannot start two failovers away from one region. Granted when free,
     * when held for the same execution (a retry), or when older than the cooldown.
     */
    public boolean lock(String targetRegion, String from, String to, String executionName, Instant now, Duration cooldown) {
        try {
            clients.get(DYNAMODB, targetRegion).putItem(b -> b.tableName(table)
                    .item(Map.of("pk", s("LOCK#" + from), "sk", s("FAILOVER"), "to", s(to),
                            "executionName", s(executionName), "lockedAt", n(now.getEpochSecond()), "lockedBy", s(region)))
                    .conditionExpression("attribute_not_exists(pk) OR executionName = :name OR lockedAt < :expired")
                    .expressionAttributeValues(Map.of(":name", s(executionName),
                            ":expired", n(now.minus(cooldown).getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
