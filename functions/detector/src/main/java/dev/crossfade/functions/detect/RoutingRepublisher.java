package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.CLOUDWATCH;
import static dev.crossfade.functions.detect.DetectorServices.DYNAMODB;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;
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
public final class RoutingRepublisher extends AwsLogic<DetectorConfig> {

    public static final String NAMESPACE = "Crossfade/Routing";
    public static final String METRIC = "RoutingControl";
    static final int STORAGE_RESOLUTION = 60;
    private static final Duration PEER_TIMEOUT = Duration.ofSeconds(3);

    /**
     * What a tick did: published a value, held off for a run, or found nothing to publish; and
     * what the durable records say the last run left ({@link #durable}), read in the same pass.
     */
    public record Outcome(String action, Optional<Boolean> on, String detail, Optional<Durable> durable) {
        public Outcome(String action, Optional<Boolean> on, String detail) {
            this(action, on, detail, Optional.empty());
        }
    }

    /**
     * The recorded writer ({@code writer#<application>}, written by the workflow's RecordRun), when
     * it was recorded (epoch millis), each region's newest desired state (where one exists), and the
     * regions whose database does not follow that writer (never a failover target). A
     * detector whose region was out while a run moved the writer missed that run's outcome event;
     * this is how it learns the outcome when it comes back (docs/detection.md).
     */
    public record Durable(String writer, long setAtMillis, Map<String, Boolean> intents, java.util.List<String> notFollowing) {}

    private final String table;

    public RoutingRepublisher(AwsClients clients, DetectorConfig config, String workflowStateTable) {
        super(clients, config);
        this.table = workflowStateTable;
    }

    public static String intentKey(String application, String region) {
        return "routing#" + application + "#" + region;
    }

    public static String lockKey(String application) {
        return "lock#" + application;
    }

    /** {@code writer#<application>}: the workflow's WriterRecord writes the same key. */
    public static String writerKey(String application) {
        return "writer#" + application;
    }

    /**
     * Publishes this region's desired state. While a run holds the lock in this region's table
     * nothing is published and nothing durable is returned (the run's outcome event tells).
     */
    public Outcome republish(Instant now) {
        String region = config.region();
        String application = config.application();
        Map<String, AttributeValue> lock = clients.get(DYNAMODB, region).getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(lockKey(application))))).item();
        if (lock != null && !lock.isEmpty() && lock.containsKey("expiresAt")
                && Long.parseLong(lock.get("expiresAt").n()) > now.getEpochSecond()) {
            return new Outcome("HELD", Optional.empty(), "run " + lock.get("owner").s() + " holds the switch");
        }
        java.util.List<String> keys = new java.util.ArrayList<>(java.util.List.of(writerKey(application)));
        config.deployment().regions().forEach(r -> keys.add(intentKey(application, r.name())));
        Map<String, Map<String, AttributeValue>> newest = newest(keys);
        Optional<Durable> durable = Optional.ofNullable(newest.get(writerKey(application))).map(w -> {
            Map<String, Boolean> intents = new java.util.LinkedHashMap<>();
            config.deployment().regions().forEach(r -> Optional.ofNullable(newest.get(intentKey(application, r.name())))
                    .ifPresent(i -> intents.put(r.name(), i.get("on").bool())));
            java.util.List<String> notFollowing = w.containsKey("notFollowing")
                    ? w.get("notFollowing").l().stream().map(AttributeValue::s).toList() : java.util.List.of();
            return new Durable(w.get("region").s(), Long.parseLong(w.get("setAt").n()), intents, notFollowing);
        });
        Optional<Boolean> on = Optional.ofNullable(newest.get(intentKey(application, region))).map(i -> i.get("on").bool());
        if (on.isEmpty()) {
            return new Outcome("NONE", on, "no desired state recorded for " + region, durable);
        }
        clients.get(CLOUDWATCH, region).putMetricData(b -> b.namespace(NAMESPACE).metricData(MetricDatum.builder()
                .metricName(METRIC).unit(StandardUnit.COUNT).value(on.get() ? 1.0 : 0.0).timestamp(now)
                .storageResolution(STORAGE_RESOLUTION)
                .dimensions(dimension("Application", application), dimension("Region", region)).build()));
        return new Outcome("PUBLISHED", on, region + " routing control " + (on.get() ? 1 : 0), durable);
    }

    /**
     * pk -> its newest item over this region's table (which must answer) and its peers' (best
     * effort, in one pass: a peer whose first read fails is skipped, so a region that is gone costs
     * one failed call per tick).
     */
    private Map<String, Map<String, AttributeValue>> newest(java.util.List<String> pks) {
        String region = config.region();
        Map<String, Map<String, AttributeValue>> newest = new java.util.HashMap<>();
        for (String where : regions(region)) {
            try {
                for (String pk : pks) {
                    Map<String, AttributeValue> item = clients.get(DYNAMODB, where).getItem(r -> {
                        r.tableName(table).consistentRead(true).key(Map.of("pk", AttributeValue.fromS(pk)));
                        if (!where.equals(region)) {
                            r.overrideConfiguration(o -> o.apiCallTimeout(PEER_TIMEOUT));
                        }
                    }).item();
                    Map<String, AttributeValue> known = newest.get(pk);
                    if (item != null && !item.isEmpty()
                            && (known == null || Long.parseLong(item.get("setAt").n()) > Long.parseLong(known.get("setAt").n()))) {
                        newest.put(pk, item);
                    }
                }
            } catch (RuntimeException e) {
                if (where.equals(region)) {
                    throw e;
                }
            }
        }
        return newest;
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
