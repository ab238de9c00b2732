package dev.crossfade.functions.workflow;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The data-plane switch of a region's traffic: a metric published in that region, followed by an
 * alarm there (missing data keeps its state), followed by a Route 53 CLOUDWATCH_METRIC health check
 * combined with the region's endpoint check. 1 lets traffic in, 0 takes it out; a region that
 * cannot be reached fails its endpoint check anyway.
 *
 * <p>A high-resolution metric (1 s). The alarm (10 s period) and {@link #read} (1 s period) take
 * the Maximum: a region switched back on (unfenced) in the same period it was switched off reads
 * on at once, so a rollback never leaves zero regions; the price is that a fence may take up to
 * one period to bite, which the write fence covers.
 */
public final class RoutingControl {

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
        Metrics.put(clients.cloudWatch(region), WorkflowConfig.ROUTING_NAMESPACE, WorkflowConfig.ROUTING_METRIC,
                dimensions(region), on ? 1 : 0, StandardUnit.COUNT, at, 1);
    }

    public Optional<Double> read(String region) {
        return Metrics.latest(clients.cloudWatch(region), WorkflowConfig.ROUTING_NAMESPACE, WorkflowConfig.ROUTING_METRIC,
                dimensions(region), 1);
    }

    public Map<String, String> dimensions(String region) {
        return Map.of("Application", application, "Region", region);
    }
}
