package dev.crossfade.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;

/**
 * Which regions Route 53 would answer with, evaluated from the records and health-check statuses
 * stored in moto (moto stores records but answers no health-aware query). A record is healthy when
 * its health check reports success and its region's routing control is on. On AWS a
 * CLOUDWATCH_METRIC check on the routing-control alarm does the second part; moto evaluates no
 * alarm from metrics, so in the lab {@link #withRoutingChecks} makes that decision with
 * {@link MetricHealthCheck}, which follows Route 53's rules for such checks. As on Route 53: failover answers the primary record while it is healthy,
 * else the secondary (an alias evaluates its target's records); other policies answer among the
 * healthy records; when none is healthy, all are answered as if healthy.
 */
public final class DnsAnswer {

    private final Route53Client route53;
    private final String zoneId;
    private final Predicate<String> routingOn;

    /** @param routingOn region -> its routing control reads on */
    public DnsAnswer(Route53Client route53, String zoneId, Predicate<String> routingOn) {
        this.route53 = route53;
        this.zoneId = zoneId;
        this.routingOn = routingOn;
    }

    /**
     * The routing decision of each region made by its CLOUDWATCH_METRIC health-check stand-in,
     * evaluated at {@code clock}'s instant (the real clock in the lab: CloudWatch dates datapoints by it).
     */
    public static DnsAnswer withRoutingChecks(Route53Client route53, String zoneId, java.util.Map<String, MetricHealthCheck> checks,
                                              java.time.Clock clock) {
        java.util.Map<String, MetricHealthCheck> copy = java.util.Map.copyOf(checks);
        return new DnsAnswer(route53, zoneId, region -> {
            MetricHealthCheck check = copy.get(region);
            if (check == null) {
                throw new IllegalArgumentException("no routing-control health check for region " + region + " (have " + copy.keySet() + ")");
            }
            return check.healthy(clock.instant());
        });
    }

    /** The regions answered for {@code name}, in record order (a failover name answers exactly one). */
    public List<String> regions(String name) {
        List<ResourceRecordSet> records = records(name);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("no record named " + name + " in hosted zone " + zoneId);
        }
        if (records.stream().anyMatch(r -> r.failover() != null)) {
            ResourceRecordSet primary = role(records, ResourceRecordSetFailover.PRIMARY);
            ResourceRecordSet secondary = role(records, ResourceRecordSetFailover.SECONDARY);
            return !healthy(primary) && healthy(secondary) ? answer(secondary) : answer(primary);
        }
        List<ResourceRecordSet> healthy = records.stream().filter(this::healthy).toList();
        Set<String> regions = new LinkedHashSet<>();
        (healthy.isEmpty() ? records : healthy).forEach(r -> regions.addAll(answer(r)));
        return new ArrayList<>(regions);
    }

    private List<ResourceRecordSet> records(String name) {
        String fqdn = name.endsWith(".") ? name : name + ".";
        return route53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(r -> r.name().equals(fqdn) && r.setIdentifier() != null)
                .sorted(Comparator.comparing(ResourceRecordSet::setIdentifier)).toList();
    }

    private static ResourceRecordSet role(List<ResourceRecordSet> records, ResourceRecordSetFailover role) {
        return records.stream().filter(r -> r.failover() == role).findFirst()
                .orElseThrow(() -> new IllegalStateException("failover record without a " + role + " at " + records.getFirst().name()));
    }

    private List<String> answer(ResourceRecordSet record) {
        return record.aliasTarget() != null ? regions(record.aliasTarget().dnsName()) : List.of(record.setIdentifier());
    }

    private boolean healthy(ResourceRecordSet record) {
        if (record.aliasTarget() != null) {
            String target = record.aliasTarget().dnsName();
            List<ResourceRecordSet> targets = records(target);
            return targets.stream().anyMatch(this::healthy);
        }
        return checkPasses(Optional.ofNullable(record.healthCheckId())) && routingOn.test(record.setIdentifier());
    }

    private boolean checkPasses(Optional<String> healthCheckId) {
        if (healthCheckId.isEmpty()) {
            return true;
        }
        List<HealthCheckObservation> observations = route53.getHealthCheckStatus(b -> b.healthCheckId(healthCheckId.get()))
                .healthCheckObservations();
        // Route 53 considers a check healthy when more than 18 % of its checkers do; the emulator's all agree
        long ok = observations.stream().filter(o -> o.statusReport().status().startsWith("Success")).count();
        return ok * 100 > observations.size() * 18L;
    }
}
