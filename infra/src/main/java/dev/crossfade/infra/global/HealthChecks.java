package dev.crossfade.infra.global;

import dev.crossfade.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.route53.CfnHealthCheck;
import software.constructs.Construct;

/**
 * A Route 53 health check per enabled region against that region's ALB, and a CloudWatch alarm on
 * each. Route 53 publishes {@code HealthCheckStatus} only in us-east-1, so this construct refuses
 * any other region.
 */
public final class HealthChecks extends Construct {

    static final String ALARM_REGION = "us-east-1";

    private final Map<String, CfnHealthCheck> checks = new LinkedHashMap<>();
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    public HealthChecks(Construct scope, String id, Props props) {
        super(scope, id);
        String stackRegion = Stack.of(this).getRegion();
        if (Token.isUnresolved(stackRegion) || !ALARM_REGION.equals(stackRegion)) {
            throw new IllegalArgumentException("HealthChecks must be in a stack of " + ALARM_REGION
                    + " (Route 53 health-check metrics exist only there), found region '" + stackRegion + "'");
        }
        Topology.HealthCheck hc = props.healthCheck();
        // topology validation admits only regions Route 53 checks from (AwsRegions.HEALTH_CHECKER_REGIONS)
        List<String> checkers = hc.checkerRegions();
        for (RegionEndpoint endpoint : props.endpoints()) {
            CfnHealthCheck.HealthCheckConfigProperty.Builder config = CfnHealthCheck.HealthCheckConfigProperty.builder()
                    .type(hc.protocol().name())
                    .fullyQualifiedDomainName(endpoint.albDnsName())
                    .port(hc.port())
                    .requestInterval(hc.intervalSeconds())
                    .failureThreshold(hc.failureThreshold())
                    .measureLatency(hc.measureLatency());
            if (hc.protocol() != Topology.Protocol.TCP) {
                config.resourcePath(hc.path());
            }
            if (hc.protocol() == Topology.Protocol.HTTPS) {
                config.enableSni(true);
            }
            if (!checkers.isEmpty()) {
                config.regions(checkers);
            }
            String name = props.prefix() + "-" + endpoint.region() + "-health-check";
            CfnHealthCheck check = CfnHealthCheck.Builder.create(this, "Check-" + endpoint.region())
                    .healthCheckConfig(config.build())
                    .healthCheckTags(List.of(CfnHealthCheck.HealthCheckTagProperty.builder()
                            .key("Name").value(name).build()))
                    .build();
            checks.put(endpoint.region(), check);
            alarms.put(endpoint.region(), Alarm.Builder.create(this, "Alarm-" + endpoint.region())
                    .alarmName(name)
                    .alarmDescription("Route 53 health check of " + endpoint.region() + " reports unhealthy")
                    .metric(Metric.Builder.create()
                            .namespace("AWS/Route53")
                            .metricName("HealthCheckStatus")
                            .dimensionsMap(Map.of("HealthCheckId", check.getAttrHealthCheckId()))
                            .statistic("Minimum")
                            .period(Duration.minutes(1))
                            .region(ALARM_REGION)
                            .build())
                    .threshold(1)
                    .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                    .evaluationPeriods(1)
                    // A new health check publishes its first datapoint after a minute or two; treating the gap
                    // as breaching would raise a failover signal on every deployment.
                    .treatMissingData(TreatMissingData.MISSING)
                    .build());
        }
    }

    /** Health check id by region. */
    public String healthCheckId(String region) {
        CfnHealthCheck check = checks.get(region);
        if (check == null) {
            throw new IllegalArgumentException("no health check for region '" + region + "'; have " + checks.keySet());
        }
        return check.getAttrHealthCheckId();
    }

    public Map<String, Alarm> alarms() {
        return Map.copyOf(alarms);
    }

    public record Props(String prefix, Topology.HealthCheck healthCheck, List<RegionEndpoint> endpoints) {

        public Props {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(healthCheck, "healthCheck");
            endpoints = List.copyOf(endpoints);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String prefix;
            private Topology.HealthCheck healthCheck;
            private List<RegionEndpoint> endpoints = List.of();

            public Builder prefix(String v) { this.prefix = v; return this; }
            public Builder healthCheck(Topology.HealthCheck v) { this.healthCheck = v; return this; }
            public Builder endpoints(List<RegionEndpoint> v) { this.endpoints = v; return this; }

            public Props build() { return new Props(prefix, healthCheck, endpoints); }
        }
    }
}
