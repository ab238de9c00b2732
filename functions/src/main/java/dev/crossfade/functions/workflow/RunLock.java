package dev.crossfade.functions.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One run per application at a time: a lock item written with a conditional put, owned by the
 * execution, released in every terminal path. It expires after the execution timeout, so a run
 * that died without releasing it cannot block the next one forever.
 */
public final class RunLock {

    public record Held(String owner, String incidentId) {}

    private final AwsClients clients;
    private final WorkflowConfig config;
    private final String region;
    private final Duration lease;

    public RunLock(AwsClients clients, WorkflowConfig config, String region, Duration lease) {
        this.clients = clients;
        this.config = config;
        this.region = region;
        this.lease = lease;
    }

    public Held acquire(StepInput input) {
        long now = Instant.now().getEpochSecond();
        try {
            AwsCalls.call("PutItem lock", () -> clients.dynamoDb(region).putItem(r -> r.tableName(config.stateTable())
                    .item(Map.of("pk", s(key()), "owner", s(input.executionId()), "incidentId", s(String.valueOf(input.incidentId())),
                            "expiresAt", n(now + lease.toSeconds())))
                    .conditionExpression("attribute_not_exists(pk) OR #owner = :owner OR expiresAt < :now")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(input.executionId()), ":now", n(now)))));
            return new Held(input.executionId(), input.incidentId());
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> holder = AwsCalls.call("GetItem lock", () -> clients.dynamoDb(region).getItem(r -> r
                    .tableName(config.stateTable()).key(Map.of("pk", s(key()))).consistentRead(true))).item();
            throw new LockHeldException("another run of " + config.application() + " is in progress: "
                    + (holder.isEmpty() ? "(released meanwhile)" : holder.get("owner").s() + " for incident " + holder.get("incidentId").s()));
        }
    }

    /** Releases the lock if this execution holds it; a lock held by someone else is left alone. */
    public boolean release(StepInput input) {
        try {
            AwsCalls.call("DeleteItem lock", () -> clients.dynamoDb(region).deleteItem(r -> r.tableName(config.stateTable())
                    .key(Map.of("pk", s(key()))).conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(input.executionId())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private String key() {
        return "lock#" + config.application();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
