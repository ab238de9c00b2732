package dev.crossfade.functions.workflow.state;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * One run per application at a time, across all regions: a lock item {@code lock#<application>},
 * owned by the execution, written with a conditional put into the state table of the target
 * region <em>and of every other enabled region</em>, released in every terminal path.
 *
 * <p><b>Majority.</b> Each region has its own table, so a run goes on only when it holds the item
 * in a strict majority of the enabled regions (its own among them). Two runs cannot both hold a
 * majority, so at most one promotes, also when regions are partitioned from each other: the
 * minority side stands down. A peer holding a live lock of another run makes this run release
 * what it took and stand down at once. In an exact race both may stand down (safety before
 * liveness: nothing changed; start the failover again). With two enabled regions the majority
 * would be both, so the failover could never leave a dead region: there the run needs only its
 * own region, and the second promotion is ruled out by {@code WriterLineage} (workflow-database) instead (only one
 * database, the single replica, follows the writer). Peers that cannot be reached are listed in
 * {@code peersUnchecked}; the target region's item names the regions held ({@code heldIn}), so
 * that the renewals do not call a peer that was out at acquire (a region outage would otherwise
 * cost every polling step the peer timeout, on the critical path).
 *
 * <p><b>Lease.</b> An item lives {@link #LEASE} past its last write. The steps that poll or wait
 * (PromoteDatabase, CheckPromotion, CheckReplication, VerifyTarget, and the preflight before a
 * person's approval) renew it, so a live run keeps it and a run that died without releasing it
 * (stopped by hand, timed out, its release failing) frees it within one lease instead of the
 * execution's 2 h timeout. {@code RunLeaseTest} checks, from the ASL file, that no stretch of the
 * workflow between two renewals can outlast the lease.
 */
public final class RunLock extends StepLogic {

    /** @param peersUnchecked peers whose item could not be written (region: why) */
    public record Held(String owner, String incidentId, List<String> peersUnchecked) {}

    /** Longer than any stretch of the workflow between two renewals (RunLeaseTest). */
    public static final Duration LEASE = Duration.ofMinutes(60);

    /** The target region's item's attribute naming the regions where the run holds the lock (a string set). */
    static final String HELD_IN = "heldIn";

    /** A peer region's write must not hold up a failover for the full call timeout. */
    static final Duration PEER_TIMEOUT = Duration.ofSeconds(5);

    /**
     * A peer's calls take the SDK's standard retries (3 attempts), not DynamoDB's legacy 9 with a
     * growing backoff: a region that is out then refuses within a few hundred milliseconds instead
     * of seconds, on the failover's critical path ({@link #PEER_TIMEOUT} still bounds one that does
     * not answer at all).
     */
    private static final SdkPlugin PEER_RETRIES = config -> config.overrideConfiguration(
            config.overrideConfiguration().toBuilder().retryStrategy(AwsRetryStrategy.standardRetryStrategy()).build());

    private final String region;
    private final Duration lease;

    public RunLock(AwsClients clients, WorkflowConfig config, String region, Duration lease) {
        super(clients, config);
        this.region = region;
        this.lease = lease;
    }

    public RunLock(AwsClients clients, WorkflowConfig config, String region) {
        this(clients, config, region, LEASE);
    }

    /**
     * A polling step ({@code step}, e.g. {@code new Promotion(clients, config)::check}): each call
     * first renews the run's lock lease in the target region (the run is alive), then runs the step.
     */
    public static Function<StepInput, Object> polling(AwsClients clients, WorkflowConfig config, Function<StepInput, ?> step) {
        return input -> {
            new RunLock(clients, config, input.to()).renew(input, Duration.ZERO);
            return step.apply(input);
        };
    }

    /** Regions whose item a run must hold to go on. */
    public static int quorum(int enabledRegions) {
        return enabledRegions <= 2 ? 1 : enabledRegions / 2 + 1;
    }

    public Held acquire(StepInput input) {
        long now = Instant.now().getEpochSecond();
        try {
            AwsCalls.run("PutItem lock", () -> put(region, input, now, false));
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> holder = AwsCalls.call("GetItem lock", () -> clients.get(DYNAMODB, region).getItem(r -> r
                    .tableName(config.stateTable()).key(key()).consistentRead(true))).item();
            throw new LockHeldException("another run of " + config.application() + " is in progress: "
                    + (holder.isEmpty() ? "(released meanwhile)" : holder.get("owner").s() + " for incident " + holder.get("incidentId").s()));
        }
        List<String> held = new ArrayList<>(List.of(region));
        List<String> unchecked = new ArrayList<>();
        for (String peer : config.regions().keySet()) {
            if (peer.equals(region)) {
                continue;
            }
            try {
                put(peer, input, now, true);
                held.add(peer);
            } catch (ConditionalCheckFailedException e) {
                Map<String, AttributeValue> other = peerItem(peer);
                release(input);
                throw new LockHeldException("another run of " + config.application() + " is in progress in " + peer + ": "
                        + (other.isEmpty() ? "(released meanwhile)" : other.get("owner").s() + " for incident " + other.get("incidentId").s())
                        + "; this run stood down and changed nothing (a stale lock: delete the item pk=" + key().get("pk").s()
                        + " from " + config.stateTable() + " in " + peer + ")");
            } catch (RuntimeException e) {
                unchecked.add(peer + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        int needed = quorum(config.regions().size());
        if (held.size() < needed) {
            release(input);
            throw new LockHeldException("run lock of " + config.application() + " taken in " + held.size() + " of "
                    + config.regions().size() + " regions (" + String.join(", ", held) + "), a majority needs " + needed
                    + ": another run could hold the others, so this run stood down and changed nothing; unreachable: " + unchecked);
        }
        recordWhereHeld(input, held);
        return new Held(input.executionId(), input.incidentId(), List.copyOf(unchecked));
    }

    /**
     * Names, in the target region's item ({@code heldIn}), the regions where this run holds the
     * lock, so that its renewals skip the peers it could not write: in a region outage every polling
     * step would otherwise wait for the region that is out to refuse again (the SDK retrying until
     * the peer timeout), on the failover's critical path. Best effort: without the attribute,
     * renewals try every peer, as before it existed.
     */
    private void recordWhereHeld(StepInput input, List<String> held) {
        try {
            clients.get(DYNAMODB, region).updateItem(r -> r.tableName(config.stateTable()).key(key())
                    .updateExpression("SET " + HELD_IN + " = :held").conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(input.executionId()), ":held", AttributeValue.fromSs(held))));
        } catch (RuntimeException e) {
            // the renewals try every peer
        }
    }

    /**
     * Extends this execution's lease to now + lease + {@code extra} wherever it holds the item. The
     * target region's item must still be ours ({@link LockHeldException} otherwise: another run
     * took it, so this one must not act); peers are renewed best effort, only those the item names
     * in {@code heldIn} when it names them (a peer unreachable at acquire holds no item to renew).
     */
    public void renew(StepInput input, Duration extra) {
        long expiresAt = Instant.now().getEpochSecond() + lease.toSeconds() + extra.toSeconds();
        Map<String, AttributeValue> item;
        try {
            item = AwsCalls.call("UpdateItem lock", () -> update(region, input, expiresAt, false));
        } catch (ConditionalCheckFailedException e) {
            throw new LockHeldException("run lock of " + config.application() + " in " + region + " is no longer held by "
                    + input.executionId() + ": another run may be acting, so this one stops");
        }
        AttributeValue heldIn = item == null ? null : item.get(HELD_IN);
        Collection<String> peers = heldIn != null && heldIn.hasSs() ? heldIn.ss() : config.regions().keySet();
        for (String peer : peers) {
            if (!peer.equals(region)) {
                try {
                    update(peer, input, expiresAt, true);
                } catch (RuntimeException e) {
                    // not held there (not taken, or unreachable at acquire): nothing to renew
                }
            }
        }
    }

    private void put(String where, StepInput input, long now, boolean peer) {
        clients.get(DYNAMODB, where).putItem(r -> {
            r.tableName(config.stateTable())
                    .item(Map.of("pk", key().get("pk"), "owner", s(input.executionId()), "incidentId", s(String.valueOf(input.incidentId())),
                            "expiresAt", n(now + lease.toSeconds())))
                    .conditionExpression("attribute_not_exists(pk) OR #owner = :owner OR expiresAt < :now")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(input.executionId()), ":now", n(now)));
            if (peer) {
                r.overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT).addPlugin(PEER_RETRIES));
            }
        });
    }

    /** @return the item as updated (the target region's), or nothing (a peer's) */
    private Map<String, AttributeValue> update(String where, StepInput input, long expiresAt, boolean peer) {
        return clients.get(DYNAMODB, where).updateItem(r -> {
            r.tableName(config.stateTable()).key(key()).updateExpression("SET expiresAt = :expiresAt")
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(input.executionId()), ":expiresAt", n(expiresAt)));
            if (peer) {
                r.overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT).addPlugin(PEER_RETRIES));
            } else {
                r.returnValues(ReturnValue.ALL_NEW);
            }
        }).attributes();
    }

    private Map<String, AttributeValue> peerItem(String peer) {
        try {
            return clients.get(DYNAMODB, peer).getItem(r -> r.tableName(config.stateTable()).key(key()).consistentRead(true)
                    .overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT).addPlugin(PEER_RETRIES))).item();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    /**
     * Releases the lock wherever this execution holds it; an item held by someone else is left
     * alone. The target region's release must succeed (thrown otherwise, for the state machine's
     * Retry); a peer that cannot be reached keeps its item until the lease ends.
     *
     * @return whether this execution held the target region's item
     */
    public boolean release(StepInput input) {
        boolean held = AwsCalls.call("DeleteItem lock", () -> delete(region, input, false));
        for (String peer : config.regions().keySet()) {
            if (!peer.equals(region)) {
                try {
                    delete(peer, input, true);
                } catch (RuntimeException e) {
                    // unreachable: the item there expires with its lease
                }
            }
        }
        return held;
    }

    private boolean delete(String where, StepInput input, boolean peer) {
        try {
            clients.get(DYNAMODB, where).deleteItem(r -> {
                r.tableName(config.stateTable()).key(key()).conditionExpression("#owner = :owner")
                        .expressionAttributeNames(Map.of("#owner", "owner"))
                        .expressionAttributeValues(Map.of(":owner", s(input.executionId())));
                if (peer) {
                    r.overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT).addPlugin(PEER_RETRIES));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> key() {
        return Map.of("pk", s(key(config.application())));
    }

    /** The lock item's key, {@code lock#<application>} (the detector's RoutingRepublisher reads the same). */
    public static String key(String application) {
        return "lock#" + application;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
