package dev.crossfade.functions.workflow.state;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The data-plane switch of a region's traffic: a metric published in that region, followed by an
 * alarm there, followed by a Route 53 CLOUDWATCH_METRIC health check combined with the region's
 * endpoint check. 1 lets traffic in, 0 takes it out; a region that cannot be reached fails its
 * endpoint check anyway.
 *
 * <p>A <b>standard-resolution</b> metric ({@link #STORAGE_RESOLUTION} 60 s): Route 53 does not
 * support health checks on alarms over high-resolution metrics. Route 53 evaluates the alarm's
 * metric data, not the alarm's state, so a value published once goes stale: each region's
 * detector republishes the region's durable desired state (({@code RoutingIntent}, workflow-run)) every minute,
 * and the health check reads missing data as its last known status (docs/routing.md). The alarm
 * and {@link #read} take the Maximum over 60 s: a region switched back on (unfenced) in the same
 * minute it was switched off reads on at once, so a rollback never leaves zero regions; the price
 * is that a fence may take up to one period to bite, which the write fence covers.
 */
public final class RoutingControl {

    /** Seconds: standard resolution, the only one a Route 53 health check follows. */
    public static final int STORAGE_RESOLUTION = 60;
    /** The alarm's period and the period {@link #read} aggregates over. */
    public static final int PERIOD_SECONDS = 60;

    private final AwsClients clients;
    private final String application;

    public RoutingControl(AwsClients clients, String application) {
        this.clients = clients;
        this.application = application;
    }

    public void set(String region, boolean on) {
        set(region, on, Instant.now());
    }

    public void set(String region, boolean on, Instant at) {
        Metrics.put(clients.get(CLOUDWATCH, region), WorkflowConfig.ROUTING_NAMESPACE, WorkflowConfig.ROUTING_METRIC,
                dimensions(region), on ? 1 : 0, StandardUnit.COUNT, at, STORAGE_RESOLUTION);
    }

    /** The newest one-minute Maximum in the last ten minutes: what the region's alarm last evaluated. */
    public Optional<Double> read(String region) {
        return Metrics.latest(clients.get(CLOUDWATCH, region), WorkflowConfig.ROUTING_NAMESPACE, WorkflowConfig.ROUTING_METRIC,
                dimensions(region), PERIOD_SECONDS);
    }

    /**
     * The newest one-minute Minimum: 0 once a switch-off was published in the newest minute, even
     * when that minute also holds an earlier 1 (which the alarm's Maximum still reads as on).
     */
    public Optional<Double> readLowest(String region) {
        return Metrics.latest(clients.get(CLOUDWATCH, region), WorkflowConfig.ROUTING_NAMESPACE, WorkflowConfig.ROUTING_METRIC,
                dimensions(region), PERIOD_SECONDS, "Minimum");
    }

    public Map<String, String> dimensions(String region) {
        return dimensions(application, region);
    }

    /** Sorted by name, as the alarm and the detector's republisher give them (moto matches dimensions in order). */
    public static Map<String, String> dimensions(String application, String region) {
        return new java.util.TreeMap<>(Map.of("Application", application, "Region", region));
    }
}
