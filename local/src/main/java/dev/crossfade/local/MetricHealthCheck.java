package dev.crossfade.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * The emulator's stand-in for a Route 53 health check of type CLOUDWATCH_METRIC (moto stores such
 * a check without its alarm and answers no status for it). It follows Route 53's documented
 * rules, quoted in docs/emulation.md:
 * <ul>
 *   <li>it reads the alarm (DescribeAlarms in the alarm's region) and refuses an alarm whose
 *       period is below 60 s: Route 53 does not support alarms on high-resolution metrics;</li>
 *   <li>it evaluates the alarm's <em>metric data</em> (GetMetricStatistics over the alarm's
 *       evaluation periods, statistic, threshold and comparison), not the alarm's state;</li>
 *   <li>when that data is insufficient it applies the check's InsufficientDataHealthStatus:
 *       Healthy, Unhealthy, or LastKnownStatus (the last status this check computed; healthy for a
 *       check that never had one).</li>
 * </ul>
 * It is evaluated at a given instant (tests evaluate "N minutes later" without sleeping). Route 53's
 * checkers evaluate continuously, this stand-in only when asked: an evaluation that comes more
 * than a window after the previous one first reads the data in between, so that a datapoint no
 * evaluation's window held (a veto published once, while the caller was late) still becomes the
 * last known status, as it would on Route 53.
 * {@code timeScale} compresses the alarm's period for the lab, which runs its time faster than the
 * wall clock: a period of P seconds is evaluated over P / timeScale seconds of real time
 * (docs/emulation.md says how that differs from Route 53).
 */
public final class MetricHealthCheck {

    /** The health check's setting for insufficient data (Route 53 API, HealthCheckConfig). */
    public enum InsufficientDataHealthStatus { Healthy, Unhealthy, LastKnownStatus }

    /** What the check reads: the alarm by name and region, and what missing data counts as. */
    public record Config(String alarmName, String alarmRegion, InsufficientDataHealthStatus insufficientDataHealthStatus) {
        public Config {
            Objects.requireNonNull(alarmName, "alarmName");
            Objects.requireNonNull(alarmRegion, "alarmRegion");
            Objects.requireNonNull(insufficientDataHealthStatus, "insufficientDataHealthStatus");
        }
    }

    /** An alarm Route 53 cannot follow. */
    public static final class UnsupportedAlarmException extends IllegalStateException {
        public UnsupportedAlarmException(String message) {
            super(message);
        }
    }

    static final String HIGH_RESOLUTION_RULE = "Route 53 health checks on CloudWatch alarms support standard-resolution metrics only:"
            + " \"High-resolution metrics aren't supported\" (Route 53 API reference, AlarmIdentifier)";

    private final Config config;
    private final Function<String, CloudWatchClient> cloudWatch;
    private final double timeScale;
    private Boolean lastKnown;
    /** The end of the newest window this check evaluated; the next evaluation catches up from there. */
    private Instant evaluatedUntil;

    /** How far back a late evaluation catches up, in alarm windows (GetMetricStatistics answers at most 1,440 datapoints). */
    static final int MAX_CATCH_UP_WINDOWS = 1_000;

    /** @param cloudWatch region -> a client of that region's CloudWatch; @param timeScale 1 on AWS's time, 20 in a 20x lab */
    public MetricHealthCheck(Config config, Function<String, CloudWatchClient> cloudWatch, double timeScale) {
        if (!(timeScale >= 1)) {
            throw new IllegalArgumentException("timeScale must be 1 or more, got " + timeScale);
        }
        this.config = Objects.requireNonNull(config);
        this.cloudWatch = Objects.requireNonNull(cloudWatch);
        this.timeScale = timeScale;
    }

    public Config config() {
        return config;
    }

    /** The check's status at {@code at}, as Route 53 would compute it from the alarm's metric data. */
    public synchronized boolean healthy(Instant at) {
        CloudWatchClient client = cloudWatch.apply(config.alarmRegion());
        MetricAlarm alarm = client.describeAlarms(b -> b.alarmNames(config.alarmName())).metricAlarms().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("health check on alarm " + config.alarmName() + ": no such alarm in "
                        + config.alarmRegion()));
        if (alarm.metricName() == null || alarm.period() == null) {
            throw new UnsupportedAlarmException("alarm " + config.alarmName() + " in " + config.alarmRegion()
                    + " is not on a single metric; this stand-in follows single-metric alarms only");
        }
        if (alarm.period() < 60) {
            throw new UnsupportedAlarmException("alarm " + config.alarmName() + " in " + config.alarmRegion() + " has a period of "
                    + alarm.period() + " s, i.e. a high-resolution metric: " + HIGH_RESOLUTION_RULE);
        }
        int periods = alarm.evaluationPeriods();
        int needed = alarm.datapointsToAlarm() != null ? alarm.datapointsToAlarm() : periods;
        long periodMillis = Math.max(1000L, Math.round(alarm.period() * 1000 / timeScale));
        int period = (int) Math.max(1, periodMillis / 1000);
        Instant end = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Duration window = Duration.ofSeconds((long) period * periods);
        Instant start = end.minus(window);
        if (evaluatedUntil != null && evaluatedUntil.isBefore(start)) {
            // Route 53's checkers evaluate continuously; this caller came late (a loaded machine, a
            // test asking minutes ahead). What they saw in between is the last known status.
            Instant from = Collections.max(List.of(evaluatedUntil, start.minus(window.multipliedBy(MAX_CATCH_UP_WINDOWS))));
            List<Datapoint> missed = datapoints(client, alarm, from, start, period);
            if (!missed.isEmpty()) {
                lastKnown = status(alarm, missed.subList(Math.max(0, missed.size() - periods), missed.size()), needed);
            }
        }
        if (evaluatedUntil == null || end.isAfter(evaluatedUntil)) {
            evaluatedUntil = end;
        }
        List<Datapoint> data = datapoints(client, alarm, start, end, period);
        if (data.isEmpty()) {
            return switch (config.insufficientDataHealthStatus()) {
                case Healthy -> true;
                case Unhealthy -> false;
                // "For new health checks that have no last known status, the default status for the health check is healthy."
                case LastKnownStatus -> lastKnown == null || lastKnown;
            };
        }
        boolean status = status(alarm, data, needed);
        lastKnown = status;
        return status;
    }

    /** The alarm's datapoints in [start, end), oldest first, in buckets of {@code period} seconds. */
    private static List<Datapoint> datapoints(CloudWatchClient client, MetricAlarm alarm, Instant start, Instant end, int period) {
        return client.getMetricStatistics(b -> b.namespace(alarm.namespace()).metricName(alarm.metricName())
                .dimensions(alarm.dimensions()).startTime(start).endTime(end).period(period).statistics(alarm.statistic()))
                .datapoints().stream().sorted(Comparator.comparing(Datapoint::timestamp)).toList();
    }

    /** Unhealthy when {@code needed} of the datapoints (or all of them, when fewer) breach the threshold. */
    private static boolean status(MetricAlarm alarm, List<Datapoint> data, int needed) {
        long breaching = data.stream().filter(d -> breaches(alarm, value(d, alarm.statistic()))).count();
        return breaching < Math.min(needed, data.size()) || breaching == 0;
    }

    private static double value(Datapoint d, Statistic statistic) {
        return switch (statistic) {
            case MAXIMUM -> d.maximum();
            case MINIMUM -> d.minimum();
            case AVERAGE -> d.average();
            case SUM -> d.sum();
            case SAMPLE_COUNT -> d.sampleCount();
            default -> throw new UnsupportedAlarmException("statistic " + statistic + " is not followed by this stand-in");
        };
    }

    private static boolean breaches(MetricAlarm alarm, double value) {
        double threshold = alarm.threshold();
        ComparisonOperator op = alarm.comparisonOperator();
        return switch (op) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
            default -> throw new UnsupportedAlarmException("alarm " + alarm.alarmName() + ": comparison " + op
                    + " (anomaly detection) is not followed by this stand-in");
        };
    }
}
