package dev.crossfade.functions.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * On each scheduled tick, republishes this region's routing control from its durable desired
 * state, so that the metric Route 53's health check reads never goes stale (docs/routing.md,
 * "Routing control"). The desired state is the newest {@code routing#<application>#<region>} item
 * over every enabled region's workflow state table (the workflow writes it into all of them,
 * {@code RoutingIntent}). While a failover run holds the run lock ({@code lock#<application>},
 * unexpired) in this region's table, the run owns the switch: nothing is republished, so a
 * fence or a shift the run published is not overwritten by a desired state it has not written
 * yet. Without any desired state (never switched) nothing is published: the health check then
 * has no data and, never having had a status, counts as healthy.
 *
 * <p>Standard resolution (60 s), the unit and dimensions the workflow's {@code RoutingControl}
 * uses (functions' RoutingKeysTest checks both sides agree).
 */
public final class RoutingRepublisher {

    public static final String NAMESPACE = "Crossfade/Routing";
    public static final String METRIC = "RoutingControl";
    static final int STORAGE_RESOLUTION = 60;
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);

    /** What a tick did: published a value, held off for a run, or found nothing to publish. */
    public record Outcome(String action, Optional<Boolean> on, String detail) {}

    private final AwsClients clients;
    private final DetectorConfig config;
    private final String table;

    public RoutingRepublisher(AwsClients clients, DetectorConfig config, String workflowStateTable) {
        this.clients = clients;
        this.config = config;
        this.table = workflowStateTable;
    }

    public static String intentKey(String application, String region) {
        return "routing#" + application + "#" + region;
    }

    public static String lockKey(String application) {
        return "lock#" + application;
    }

    public Outcome republish(Instant now) {
        String region = config.region();
        if (lockHeld(region, now)) {
            return new Outcome("HELD", Optional.empty(), "a run holds the run lock: it owns the switch");
        }
        Optional<Boolean> on = desired(region);
        if (on.isEmpty()) {
            return new Outcome("NONE", on, "no desired state recorded for " + region);
        }
        clients.cloudWatch(region).putMetricData(b -> b.namespace(NAMESPACE).metricData(MetricDatum.builder()
                .metricName(METRIC).unit(StandardUnit.COUNT).value(on.get() ? 1.0 : 0.0).timestamp(now)
                .storageResolution(STORAGE_RESOLUTION)
                .dimensions(dimension("Application", config.application()), dimension("Region", region)).build()));
        return new Outcome("PUBLISHED", on, region + " routing control " + (on.get() ? 1 : 0));
    }

    /** The newest item over this region's table (which must answer) and its peers' (best effort). */
    private Optional<Boolean> desired(String region) {
        return newest(intentKey(config.application(), region)).map(item -> item.get("on").bool());
    }

    /**
     * What the durable records say the last run left: the writer ({@code writer#<application>},
     * written by the workflow's RecordRun) and each region's newest desired state. Empty when no
     * run ever recorded a writer, or while a run holds the lock in this region's table (its outcome
     * event is what tells). A detector whose region was out while a run moved the writer missed
     * that event; this is how it learns the outcome when it comes back (docs/detection.md).
     */
    public Optional<Durable> durable(Instant now) {
        String region = config.region();
        if (lockHeld(region, now)) {
            return Optional.empty();
        }
        Optional<Map<String, AttributeValue>> writer = newest(writerKey(config.application()));
        if (writer.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Boolean> intents = new java.util.LinkedHashMap<>();
        for (var r : config.deployment().regions()) {
            newest(intentKey(config.application(), r.name())).ifPresent(item -> intents.put(r.name(), item.get("on").bool()));
        }
        return Optional.of(new Durable(writer.get().get("region").s(), Long.parseLong(writer.get().get("setAt").n()), intents));
    }

    /** The recorded writer, when it was recorded (epoch millis) and each region's desired state (where one exists). */
    public record Durable(String writer, long setAtMillis, Map<String, Boolean> intents) {}

    /** {@code writer#<application>}: the workflow's WriterRecord writes the same key. */
    public static String writerKey(String application) {
        return "writer#" + application;
    }

    private boolean lockHeld(String region, Instant now) {
        Map<String, AttributeValue> lock = clients.dynamo(region).getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(lockKey(config.application()))))).item();
        return lock != null && !lock.isEmpty() && lock.containsKey("expiresAt")
                && Long.parseLong(lock.get("expiresAt").n()) > now.getEpochSecond();
    }

    /** The newest copy of {@code pk} over this region's table (which must answer) and its peers' (best effort). */
    private Optional<Map<String, AttributeValue>> newest(String pk) {
        String region = config.region();
        Map<String, AttributeValue> newest = null;
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(pk));
        for (String where : regions(region)) {
            Map<String, AttributeValue> item;
            try {
                item = clients.dynamo(where).getItem(r -> {
                    r.tableName(table).consistentRead(true).key(key);
                    if (!where.equals(region)) {
                        r.overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT));
                    }
                }).item();
            } catch (RuntimeException e) {
                if (where.equals(region)) {
                    throw e;
                }
                continue;
            }
            if (item != null && !item.isEmpty()
                    && (newest == null || Long.parseLong(item.get("setAt").n()) > Long.parseLong(newest.get("setAt").n()))) {
                newest = item;
            }
        }
        return Optional.ofNullable(newest);
    }

    private java.util.List<String> regions(String own) {
        java.util.List<String> regions = new java.util.ArrayList<>(java.util.List.of(own));
        config.deployment().regions().forEach(r -> {
            if (!regions.contains(r.name())) {
                regions.add(r.name());
            }
        });
        return regions;
    }

    private static Dimension dimension(String name, String value) {
        return Dimension.builder().name(name).value(value).build();
    }
}
