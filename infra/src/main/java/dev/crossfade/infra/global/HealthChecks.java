package dev.crossfade.infra.global;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
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
 * any other region. With routing alarms (the failover workflow's routing controls), each region
 * also gets a CLOUDWATCH_METRIC check on its alarm (insufficient data keeps the last known status) and a
 * CALCULATED check that is healthy only while both are: the one its DNS records carry
 * ({@link #recordHealthCheckId}). With veto alarms (a region's routing veto, held in its veto
 * holder region: {@code dev.crossfade.topology.VetoHolder}), the region gets one more
 * CLOUDWATCH_METRIC check on that alarm in the holder region, and it becomes a third child of the
 * calculated check: serving = endpoint and routing control and no veto. The endpoint alarm stays on
 * the endpoint check alone, so a region switched off by the workflow raises no failure signal.
 */
public final class HealthChecks extends Construct {

    static final String ALARM_REGION = "us-east-1";

    private final Map<String, CfnHealthCheck> checks = new LinkedHashMap<>();
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private final Map<String, CfnHealthCheck> combined = new LinkedHashMap<>();

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
            String routingAlarm = props.routingAlarms().get(endpoint.region());
            VetoAlarm vetoAlarm = props.vetoAlarms().get(endpoint.region());
            if (routingAlarm != null || vetoAlarm != null) {
                combined.put(endpoint.region(), combine(props.prefix(), endpoint.region(), check, routingAlarm, vetoAlarm));
            }
        }
    }

    /** The serving check: healthy only while every child is (the endpoint, the routing control, no veto). */
    private CfnHealthCheck combine(String prefix, String region, CfnHealthCheck endpointCheck, String routingAlarm, VetoAlarm vetoAlarm) {
        List<String> children = new java.util.ArrayList<>(List.of(endpointCheck.getAttrHealthCheckId()));
        if (routingAlarm != null) {
            children.add(alarmCheck("Routing-" + region, routingAlarm, region, prefix + "-" + region + "-routing-control")
                    .getAttrHealthCheckId());
        }
        if (vetoAlarm != null) {
            // held outside the region: it stands while the region is gone, and a veto set once holds until cleared
            children.add(alarmCheck("Veto-" + region, vetoAlarm.name(), vetoAlarm.region(), prefix + "-" + region + "-veto")
                    .getAttrHealthCheckId());
        }
        return CfnHealthCheck.Builder.create(this, "Combined-" + region)
                .healthCheckConfig(CfnHealthCheck.HealthCheckConfigProperty.builder()
                        .type("CALCULATED")
                        .childHealthChecks(children)
                        .healthThreshold(children.size())
                        .build())
                .healthCheckTags(List.of(tag(prefix + "-" + region + "-serving")))
                .build();
    }

    private CfnHealthCheck alarmCheck(String id, String alarmName, String alarmRegion, String name) {
        return CfnHealthCheck.Builder.create(this, id)
                .healthCheckConfig(CfnHealthCheck.HealthCheckConfigProperty.builder()
                        .type("CLOUDWATCH_METRIC")
                        .alarmIdentifier(CfnHealthCheck.AlarmIdentifierProperty.builder().name(alarmName).region(alarmRegion).build())
                        // Route 53 reads the alarm's metric data: missing data must never mean healthy (a fenced
                        // region would come back); a check that never had a status starts healthy
                        .insufficientDataHealthStatus("LastKnownStatus")
                        .build())
                .healthCheckTags(List.of(tag(name)))
                .build();
    }

    private static CfnHealthCheck.HealthCheckTagProperty tag(String name) {
        return CfnHealthCheck.HealthCheckTagProperty.builder().key("Name").value(name).build();
    }

    /** The check a region's DNS records carry: the combined one when the region has a routing alarm, else the endpoint check. */
    public String recordHealthCheckId(String region) {
        CfnHealthCheck check = combined.get(region);
        return check != null ? check.getAttrHealthCheckId() : healthCheckId(region);
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
        return Ordered.copyOf(alarms);
    }

    /** A region's routing veto: the alarm {@code name} in the CloudWatch of its veto holder {@code region}. */
    public record VetoAlarm(String name, String region) {
        public VetoAlarm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(region, "region");
        }
    }

    /**
     * @param routingAlarms region -> name of its routing-control alarm in that region (may be empty)
     * @param vetoAlarms    region -> its veto alarm in its veto holder region, never the region itself
     *                      (may be empty; none for a region without a holder)
     */
    @PropsBuilder
    public record Props(String prefix, Topology.HealthCheck healthCheck, List<RegionEndpoint> endpoints,
                        Map<String, String> routingAlarms, Map<String, VetoAlarm> vetoAlarms) {

        public Props {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(healthCheck, "healthCheck");
            endpoints = List.copyOf(endpoints);
            routingAlarms = Ordered.copyOf(routingAlarms);
            vetoAlarms = Ordered.copyOf(vetoAlarms);
            requireEndpoints("routingAlarms", routingAlarms.keySet(), endpoints);
            requireEndpoints("vetoAlarms", vetoAlarms.keySet(), endpoints);
            vetoAlarms.forEach((region, alarm) -> {
                if (alarm.region().equals(region)) {
                    throw new IllegalArgumentException("HealthChecks.vetoAlarms: the veto of region '" + region
                            + "' must be held in another region, not in '" + alarm.region() + "' itself");
                }
            });
        }

        private static void requireEndpoints(String key, java.util.Set<String> regions, List<RegionEndpoint> endpoints) {
            for (String region : regions) {
                if (endpoints.stream().noneMatch(e -> e.region().equals(region))) {
                    throw new IllegalArgumentException("HealthChecks." + key + ": region '" + region + "' has no endpoint");
                }
            }
        }

        public static HealthChecksPropsBuilder builder() {
            return HealthChecksPropsBuilder.builder();
        }
    }
}
