package dev.crossfade.functions.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One run per application at a time: a lock item written with a conditional put, owned by the
 * execution, released in every terminal path. It expires after the execution timeout, so a run
 * that died without releasing it cannot block the next one forever.
 *
 * <p>Each region has its own table, so a conditional put alone cannot stop a second run started
 * at the same moment in another region (two detectors that chose different targets, or an
 * operator's failback racing a failover). After taking its own lock a run therefore reads the
 * lock item of every other enabled region (consistent read, in that region) and stands down,
 * releasing its own, if it finds a live one. Two runs that both write first and read second
 * cannot both miss each other, so at most one goes on; in an exact race both may stand down
 * (safety before liveness: nothing changed, an operator starts the failover again). A region that
 * cannot be read is listed in {@code peersUnchecked} and does not block the run: it is usually
 * the failed one.
 */
public final class RunLock {

    public record Held(String owner, String incidentId, List<String> peersUnchecked) {}

    /** A peer region's read must not hold up a failover for the full call timeout. */
    static final Duration PEER_READ_TIMEOUT = Duration.ofSeconds(5);

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
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> holder = AwsCalls.call("GetItem lock", () -> clients.dynamoDb(region).getItem(r -> r
                    .tableName(config.stateTable()).key(Map.of("pk", s(key()))).consistentRead(true))).item();
            throw new LockHeldException("another run of " + config.application() + " is in progress: "
                    + (holder.isEmpty() ? "(released meanwhile)" : holder.get("owner").s() + " for incident " + holder.get("incidentId").s()));
        }
        List<String> unchecked = new ArrayList<>();
        for (String peer : config.regions().keySet()) {
            if (peer.equals(region)) {
                continue;
            }
            Map<String, AttributeValue> other;
            try {
                other = clients.dynamoDb(peer).getItem(r -> r.tableName(config.stateTable()).key(Map.of("pk", s(key())))
                        .consistentRead(true).overrideConfiguration(o -> o.apiCallTimeout(PEER_READ_TIMEOUT))).item();
            } catch (RuntimeException e) {
                unchecked.add(peer + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            if (live(other, now)) {
                release(input);
                throw new LockHeldException("another run of " + config.application() + " is in progress in " + peer + ": "
                        + other.get("owner").s() + " for incident " + other.get("incidentId").s()
                        + "; this run stood down and changed nothing (a stale lock: delete the item pk=" + key()
                        + " from " + config.stateTable() + " in " + peer + ")");
            }
        }
        return new Held(input.executionId(), input.incidentId(), List.copyOf(unchecked));
    }

    private static boolean live(Map<String, AttributeValue> lock, long now) {
        if (lock == null || lock.isEmpty() || !lock.containsKey("owner")) {
            return false;
        }
        AttributeValue expiresAt = lock.get("expiresAt");
        return expiresAt == null || Long.parseLong(expiresAt.n()) >= now;
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
