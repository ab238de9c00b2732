package dev.crossfade.cli.drill;

import dev.crossfade.topology.Topology;

/**
 * The canary alarm about one region. It lives in a <em>watching</em> region (the first-priority
 * enabled region other than the watched one), because the detector must keep working when the
 * watched region is dark; its name names the watched region:
 * {@code <project>-<environment>-<watchedRegion>-canary}.
 *
 * @param periodSeconds the topology's health-check interval (real-world seconds)
 * @param threshold     the topology's failure threshold: datapoints to alarm and to recover
 */
public record CanaryAlarmSpec(
        String name, String watchedRegion, String alarmRegion, String account, int periodSeconds, int threshold) {

    /** moto's default account, used when the topology names none. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String NAMESPACE = "Crossfade/Canary";
    public static final String METRIC = "HealthCheckSuccess";

    public static CanaryAlarmSpec of(Topology topology, String watchedRegion) {
        String watcher = topology.enabledRegions().stream()
                .map(Topology.Region::name)
                .filter(r -> !r.equals(watchedRegion))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "no enabled region other than " + watchedRegion + " can watch it"));
        return new CanaryAlarmSpec(
                topology.name() + "-" + watchedRegion + "-canary",
                watchedRegion,
                watcher,
                topology.account().orElse(DEFAULT_ACCOUNT),
                topology.healthCheck().intervalSeconds(),
                topology.healthCheck().failureThreshold());
    }

    public String arn() {
        return "arn:aws:cloudwatch:" + alarmRegion + ":" + account + ":alarm:" + name;
    }
}
