package dev.crossfade.cli.drill;

import dev.crossfade.topology.Topology;

/**
 * The canary alarm about one region, as one watching region holds it. Every other enabled region
 * runs a canary about each peer (docs/detection.md, "Who watches whom"), and the alarm lives in the
 * watching region, because the detector must keep working when the watched region is dark; its name
 * names the watched region, {@code <project>-<environment>-<watchedRegion>-canary}, so the detectors
 * tell two watchers apart by the event's region (signal {@code canary@<watcher>}).
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

    /** The canary of the first enabled region (in file order) other than the watched one. */
    public static CanaryAlarmSpec of(Topology topology, String watchedRegion) {
        return all(topology, watchedRegion).getFirst();
    }

    /** The canary of every enabled region other than the watched one, in file order. */
    public static java.util.List<CanaryAlarmSpec> all(Topology topology, String watchedRegion) {
        java.util.List<CanaryAlarmSpec> specs = topology.enabledRegions().stream()
                .map(Topology.Region::name)
                .filter(r -> !r.equals(watchedRegion))
                .map(watcher -> of(topology, watchedRegion, watcher))
                .toList();
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no enabled region other than " + watchedRegion + " can watch it");
        }
        return specs;
    }

    public static CanaryAlarmSpec of(Topology topology, String watchedRegion, String watcher) {
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
