package dev.crossfade.functions.workflow.state;

import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The same-named state table of every enabled region ({@code <application>-failover-state}), used
 * as one replicated register: an item is written into each table that answers, never over a newer
 * one ({@code setAt}, epoch millis), and read back as the newest copy over every table that
 * answers. A region that was out when an item was written finds it in its peers' tables when it
 * returns. Peers get {@link RunLock#PEER_TIMEOUT}; nothing waits on a dead region for longer.
 */
public final class StateTables extends StepLogic {

    /** @param unwritten regions whose table could not be written (region: why) */
    public record Written(List<String> written, List<String> unwritten) {}

    private final Duration peerTimeout;

    public StateTables(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        this.peerTimeout = RunLock.PEER_TIMEOUT;
    }

    /**
     * Puts each item (each carrying {@code pk} and {@code setAt}) into every enabled region's table,
     * unless that table holds a newer copy; fails only when no table at all could be written.
     */
    public Written putNewest(List<Map<String, AttributeValue>> items, String what) {
        List<String> written = new ArrayList<>();
        List<String> unwritten = new ArrayList<>();
        for (String where : config.regions().keySet()) {
            try {
                for (Map<String, AttributeValue> item : items) {
                    clients.get(DYNAMODB, where).putItem(r -> r.tableName(config.stateTable()).item(item)
                            // a newer decision (another run, written meanwhile) is never overwritten by an older one
                            .conditionExpression("attribute_not_exists(pk) OR setAt <= :at")
                            .expressionAttributeValues(Map.of(":at", item.get("setAt")))
                            .overrideConfiguration(o -> o.apiCallTimeout(peerTimeout)));
                }
                written.add(where);
            } catch (ConditionalCheckFailedException e) {
                written.add(where + " (a newer " + what + " kept)");
            } catch (RuntimeException e) {
                unwritten.add(where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        if (written.isEmpty()) {
            throw new TransientAwsException(what + " written in no region's state table " + config.stateTable() + ": " + unwritten, null);
        }
        return new Written(written, unwritten);
    }

    /** The newest copy of {@code pk} over every enabled region's table that answers (empty: none holds it). */
    public Optional<Map<String, AttributeValue>> newest(String pk) {
        return Optional.ofNullable(newest(read(List.of(pk)), pk));
    }

    /** The newest copy of {@code pk} among {@code copies} (region -> pk -> item); null when none holds it. */
    public static Map<String, AttributeValue> newest(Map<String, Map<String, Map<String, AttributeValue>>> copies, String pk) {
        Map<String, AttributeValue> newest = null;
        for (Map<String, Map<String, AttributeValue>> table : copies.values()) {
            Map<String, AttributeValue> item = table.get(pk);
            if (item != null && (newest == null || Long.parseLong(item.get("setAt").n()) > Long.parseLong(newest.get("setAt").n()))) {
                newest = item;
            }
        }
        return newest;
    }

    /**
     * region -> pk -> item, for the items each table that answers holds, in one pass: a table
     * whose first read fails is skipped for the rest of the pass, so a region that is gone costs
     * one failed call, not one per key.
     */
    public Map<String, Map<String, Map<String, AttributeValue>>> read(List<String> pks) {
        Map<String, Map<String, Map<String, AttributeValue>>> copies = new java.util.LinkedHashMap<>();
        for (String where : config.regions().keySet()) {
            Map<String, Map<String, AttributeValue>> table = new java.util.LinkedHashMap<>();
            try {
                for (String pk : pks) {
                    Map<String, AttributeValue> item = clients.get(DYNAMODB, where).getItem(r -> r.tableName(config.stateTable()).consistentRead(true)
                            .key(Map.of("pk", AttributeValue.fromS(pk))).overrideConfiguration(o -> o.apiCallTimeout(peerTimeout))).item();
                    if (item != null && !item.isEmpty()) {
                        table.put(pk, item);
                    }
                }
            } catch (RuntimeException e) {
                continue;
            }
            copies.put(where, table);
        }
        return copies;
    }
}
