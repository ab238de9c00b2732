package dev.crossfade.functions.workflow.state;

import dev.crossfade.functions.workflow.AwsCalls;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/** Reads and writes single CloudWatch datapoints (data-plane calls: GetMetricData, PutMetricData). */
public final class Metrics {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    private Metrics() {}

    /** The most recent one-minute maximum of a metric in the last ten minutes, if any datapoint exists. */
    public static Optional<Double> latest(CloudWatchClient cloudWatch, String namespace, String metric, Map<String, String> dimensions) {
        return latest(cloudWatch, namespace, metric, dimensions, 60);
    }

    /** The most recent maximum over {@code periodSeconds} (1 needs a high-resolution metric) in the last ten minutes. */
    public static Optional<Double> latest(CloudWatchClient cloudWatch, String namespace, String metric, Map<String, String> dimensions,
                                         int periodSeconds) {
        return latest(cloudWatch, namespace, metric, dimensions, periodSeconds, "Maximum");
    }

    /** The most recent {@code statistic} over {@code periodSeconds} in the last ten minutes. */
    public static Optional<Double> latest(CloudWatchClient cloudWatch, String namespace, String metric, Map<String, String> dimensions,
                                         int periodSeconds, String statistic) {
        Instant now = Instant.now();
        GetMetricDataResponse response = AwsCalls.call("GetMetricData " + namespace + "/" + metric, () -> cloudWatch.getMetricData(r -> r
                .startTime(now.minus(WINDOW)).endTime(now.plusSeconds(60))
                .metricDataQueries(MetricDataQuery.builder().id("m0").returnData(true)
                        .metricStat(s -> s.period(periodSeconds).stat(statistic).metric(m -> m
                                .namespace(namespace).metricName(metric).dimensions(dimensions(dimensions))))
                        .build())));
        return response.metricDataResults().stream().findFirst().flatMap(Metrics::newest);
    }

    private static Optional<Double> newest(MetricDataResult result) {
        List<Instant> times = result.timestamps();
        return IntStream.range(0, Math.min(times.size(), result.values().size())).boxed()
                .max((a, b) -> times.get(a).compareTo(times.get(b)))
                .map(i -> result.values().get(i));
    }

    public static void put(CloudWatchClient cloudWatch, String namespace, String metric, Map<String, String> dimensions,
                           double value, StandardUnit unit) {
        put(cloudWatch, namespace, metric, dimensions, value, unit, Instant.now(), 60);
    }

    public static void put(CloudWatchClient cloudWatch, String namespace, String metric, Map<String, String> dimensions,
                           double value, StandardUnit unit, Instant at, int storageResolution) {
        AwsCalls.run("PutMetricData " + namespace + "/" + metric, () -> cloudWatch.putMetricData(r -> r
                .namespace(namespace)
                .metricData(d -> d.metricName(metric).dimensions(dimensions(dimensions)).value(value).unit(unit).storageResolution(storageResolution)
                        .timestamp(at))));
    }

    private static List<Dimension> dimensions(Map<String, String> dimensions) {
        return dimensions.entrySet().stream().map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList();
    }
}
