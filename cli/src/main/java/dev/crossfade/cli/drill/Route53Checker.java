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

    /**
     * Reads at a fixed cadence from now, as Route 53's checkers do. A fixed delay after each
     * reading would stretch every interval by the reading's own time (moto probes the endpoint),
     * and so the detection being measured; a reading that overruns skips the ticks it missed
     * instead of firing them back to back (as {@link HealthProber} does).
     */
    public void start() {
        long origin = System.nanoTime();
        schedule(origin, 0);
    }

    private void schedule(long origin, long delayNanos) {
        try {
            scheduler.schedule(() -> tick(origin), delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // close() won the race; no more readings
        }
    }

    private void tick(long origin) {
        try {
            checkAll();
        } finally {
            long step = interval.toNanos();
            long elapsed = System.nanoTime() - origin;
            if (!scheduler.isShutdown()) {
                schedule(origin, (elapsed / step + 1) * step - elapsed);
            }
        }
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
        Schedulers.stop(scheduler);
    }
}
