package dev.crossfade.functions.detect;

import static dev.crossfade.functions.detect.DetectorServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * Reads the replica lag of a candidate target from CloudWatch in that region ({@code AWS/RDS
 * ReplicaLag}, worst minute of the last five). Empty when no instance is configured or no data
 * exists; the workflow checks the lag again before promotion.
 */
public final class ReplicaLagReader extends AwsLogic<DetectorConfig> {

    private static final Duration WINDOW = Duration.ofMinutes(5);

    public ReplicaLagReader(AwsClients clients, DetectorConfig config) {
        super(clients, config);
    }

    public Optional<Double> lagSeconds(String region, Instant now) {
        String instance = config.replicaInstances().get(region);
        if (instance == null) {
            return Optional.empty();
        }
        return clients.get(CLOUDWATCH, region).getMetricStatistics(b -> b.namespace("AWS/RDS").metricName("ReplicaLag")
                        .dimensions(d -> d.name("DBInstanceIdentifier").value(instance))
                        .startTime(now.minus(WINDOW)).endTime(now).period(60).statistics(Statistic.MAXIMUM))
                .datapoints().stream().map(Datapoint::maximum).max(Double::compare);
    }
}
