package dev.crossfade.cli.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.local.EmulatedDns;
import dev.crossfade.local.ResourceNames;
import dev.crossfade.topology.Topology;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The second, independent signal: Route 53's health check of each region (moto's, which probes
 * the loopback server for real) read at the topology's interval, and its CloudWatch alarm
 * {@code <project>-<environment>-<region>-health-check} in us-east-1, raised after
 * {@code failureThreshold} failed readings in a row (Route 53's own threshold; the alarm's extra
 * minute period is not modelled). Alarm changes go to the sink as EventBridge event JSON.
 */
public final class Route53Checker implements AutoCloseable {

    static final String ALARM_REGION = "us-east-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EmulatedDns dns;
    private final DrillClock clock;
    private final Consumer<String> sink;
    private final Consumer<String> onError;
    private final Map<String, CanaryAlarm> alarms = new LinkedHashMap<>();
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "crossfade-route53-checker");
        t.setDaemon(true);
        return t;
    });

    public Route53Checker(Topology topology, EmulatedDns dns, DrillClock clock, Consumer<String> sink, Consumer<String> onError) {
        this.dns = dns;
        this.clock = clock;
        this.sink = sink;
        this.onError = onError;
        this.interval = clock.scale().toWall(Duration.ofSeconds(topology.healthCheck().intervalSeconds()));
        ResourceNames names = new ResourceNames(topology.name());
        String account = topology.account().orElse(CanaryAlarmSpec.DEFAULT_ACCOUNT);
        dns.healthChecks().keySet().forEach(region -> alarms.put(region, new CanaryAlarm(new CanaryAlarmSpec(names.healthCheckAlarm(region),
                region, ALARM_REGION, account, topology.healthCheck().intervalSeconds(), topology.healthCheck().failureThreshold()),
                clock.instant())));
    }

    public void start() {
        scheduler.scheduleWithFixedDelay(this::checkAll, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    public Optional<CanaryAlarm> alarm(String region) {
        return Optional.ofNullable(alarms.get(region));
    }

    private void checkAll() {
        dns.healthChecks().forEach((region, id) -> {
            try {
                boolean healthy = dns.route53().getHealthCheckStatus(b -> b.healthCheckId(id)).healthCheckObservations().stream()
                        .allMatch(o -> o.statusReport().status().startsWith("Success"));
                CanaryAlarm alarm = alarms.get(region);
                alarm.observe(clock.instant(), healthy).ifPresent(change -> sink.accept(event(alarm.spec(), change, id)));
            } catch (RuntimeException e) {
                // a failing reading must not cancel the schedule
                onError.accept("route 53 checker: " + e.getMessage());
            }
        });
    }

    /** The alarm event, with the health-check alarm's metric (AWS/Route53 HealthCheckStatus) in its configuration. */
    static String event(CanaryAlarmSpec spec, CanaryAlarm.Change change, String healthCheckId) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(CanaryAlarmEvent.toJson(spec, change));
            ObjectNode configuration = (ObjectNode) event.path("detail").path("configuration");
            configuration.put("description", "Route 53 health check of " + spec.watchedRegion() + " reports unhealthy");
            ObjectNode metric = (ObjectNode) configuration.path("metrics").get(0).path("metricStat").path("metric");
            metric.put("namespace", "AWS/Route53").put("name", "HealthCheckStatus");
            metric.putObject("dimensions").put("HealthCheckId", healthCheckId);
            return event.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
