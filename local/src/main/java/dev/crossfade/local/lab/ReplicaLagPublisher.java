package dev.crossfade.local.lab;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * Publishes each replica's real replay lag to the emulated CloudWatch of its region, as RDS and
 * Aurora publish theirs: {@code AWS/RDS ReplicaLag} (seconds, dimension DBInstanceIdentifier) or
 * {@code AWS/RDS AuroraGlobalDBReplicationLag} (milliseconds, dimension DBClusterIdentifier), dated
 * now. A replica that streams from nothing (its writer is down or cut off) gets no datapoint, so
 * readers see the last value measured while it streamed.
 */
public final class ReplicaLagPublisher implements AutoCloseable {

    /** One datapoint put. */
    public record Published(Instant at, String region, double lagSeconds) {}

    private final LabDatabases databases;
    private final Function<String, CloudWatchClient> cloudWatch;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crossfade-replica-lag");
        t.setDaemon(true);
        return t;
    });
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** @param cloudWatch region -> a client of that region's CloudWatch (through the region's endpoint) */
    public ReplicaLagPublisher(LabDatabases databases, Function<String, CloudWatchClient> cloudWatch) {
        this.databases = databases;
        this.cloudWatch = cloudWatch;
    }

    /** Publishes now and then every {@code period}. */
    public ReplicaLagPublisher start(Duration period) {
        timer.scheduleWithFixedDelay(this::publishQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void publishQuietly() {
        try {
            publish();
        } catch (RuntimeException e) {
            errors.add(e.toString());
        }
    }

    /** Measures every replica and puts its datapoint; a region whose CloudWatch cannot be reached is skipped. */
    public void publish() {
        Instant now = Instant.now();
        for (Map.Entry<String, Double> lag : databases.replayLags().entrySet()) {
            String region = lag.getKey();
            String id = databases.identifier(region).orElse(null);
            if (id == null) {
                continue;
            }
            boolean aurora = databases.aurora(region);
            try {
                cloudWatch.apply(region).putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d
                        .metricName(aurora ? "AuroraGlobalDBReplicationLag" : "ReplicaLag")
                        .dimensions(x -> x.name(aurora ? "DBClusterIdentifier" : "DBInstanceIdentifier").value(id))
                        .value(aurora ? lag.getValue() * 1000 : lag.getValue())
                        .unit(aurora ? StandardUnit.MILLISECONDS : StandardUnit.SECONDS).timestamp(now)));
                published.add(new Published(now, region, lag.getValue()));
            } catch (RuntimeException e) {
                errors.add(region + ": " + e.getMessage());
            }
        }
    }

    public List<Published> published() {
        return List.copyOf(published);
    }

    public List<String> errors() {
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
