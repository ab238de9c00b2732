package dev.crossfade.infra.global;

import static java.util.Objects.requireNonNull;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.route53.CfnRecordSet;
import software.constructs.Construct;

/**
 * The DNS records of {@code domain.name} for the topology's routing policy, each an alias to its
 * region's ALB that evaluates target health and carries the region's health check.
 *
 * <p>Failover over more than two regions is a chain (docs/routing.md): the name's PRIMARY record is
 * the priority-1 region and its SECONDARY an alias to {@code failover-2.<domain>}, whose PRIMARY is
 * the priority-2 region and SECONDARY the next link, down to the last region.
 */
public final class RoutingRecords extends Construct {

    private final String zoneId;
    private final Map<String, RegionEndpoint> endpoints;
    private final Map<String, String> healthCheckIds;
    private int count;

    public RoutingRecords(Construct scope, String id, Props props) {
        super(scope, id);
        this.zoneId = props.hostedZoneId();
        this.endpoints = props.endpoints();
        this.healthCheckIds = props.healthCheckIds();
        for (Region r : props.regions()) {
            if (!endpoints.containsKey(r.name()) || !healthCheckIds.containsKey(r.name())) {
                throw new IllegalArgumentException("routing record for region '" + r.name()
                        + "' needs its ALB endpoint and health check id");
            }
        }
        String name = props.domainName();
        switch (props.routing()) {
            case FAILOVER -> failoverChain(name, name, props.regions(), 1);
            case LATENCY -> props.regions().forEach(r -> record("Latency-" + r.name(), name, r)
                    .setIdentifier(r.name()).region(r.name()).build());
            case GEOLOCATION -> props.regions().forEach(r -> r.continents().forEach(c -> record(
                    "Geo-" + r.name() + "-" + c, name, r)
                    .setIdentifier(r.name() + "-" + c)
                    .geoLocation("default".equals(c)
                            ? CfnRecordSet.GeoLocationProperty.builder().countryCode("*").build()
                            : CfnRecordSet.GeoLocationProperty.builder().continentCode(c).build())
                    .build()));
            case WEIGHTED -> props.regions().forEach(r -> record("Weighted-" + r.name(), name, r)
                    .setIdentifier(r.name()).weight(r.weight().orElse(0)).build());
        }
    }

    private void failoverChain(String root, String name, List<Region> regions, int link) {
        Region first = regions.get(0);
        record("Failover" + link + "-Primary", name, first).setIdentifier(first.name() + "-primary")
                .failover("PRIMARY").build();
        if (regions.size() == 2) {
            Region second = regions.get(1);
            record("Failover" + link + "-Secondary", name, second).setIdentifier(second.name() + "-secondary")
                    .failover("SECONDARY").build();
            return;
        }
        String next = "failover-" + (link + 1) + "." + root;
        CfnRecordSet.Builder.create(this, "Failover" + link + "-Secondary")
                .hostedZoneId(zoneId)
                .name(name)
                .type("A")
                .setIdentifier("chain-" + (link + 1) + "-secondary")
                .failover("SECONDARY")
                .aliasTarget(CfnRecordSet.AliasTargetProperty.builder()
                        .dnsName(next).hostedZoneId(zoneId).evaluateTargetHealth(true).build())
                .build();
        count++;
        failoverChain(root, next, regions.subList(1, regions.size()), link + 1);
    }

    private CfnRecordSet.Builder record(String id, String name, Region region) {
        RegionEndpoint endpoint = endpoints.get(region.name());
        count++;
        return CfnRecordSet.Builder.create(this, id)
                .hostedZoneId(zoneId)
                .name(name)
                .type("A")
                .healthCheckId(healthCheckIds.get(region.name()))
                .aliasTarget(CfnRecordSet.AliasTargetProperty.builder()
                        .dnsName(endpoint.albDnsName())
                        .hostedZoneId(endpoint.albCanonicalHostedZoneId())
                        .evaluateTargetHealth(true)
                        .build());
    }

    /** Number of record sets created. */
    public int recordCount() {
        return count;
    }

    /**
     * @param regions enabled regions in priority order (the failover order)
     */
    @PropsBuilder
    public record Props(String domainName, String hostedZoneId, Topology.Routing routing, List<Region> regions,
                        Map<String, RegionEndpoint> endpoints, Map<String, String> healthCheckIds) {

        public Props {
            requireNonNull(domainName, "domainName");
            requireNonNull(hostedZoneId, "hostedZoneId");
            requireNonNull(routing, "routing");
            regions = List.copyOf(regions);
            endpoints = Ordered.copyOf(endpoints);
            healthCheckIds = Ordered.copyOf(healthCheckIds);
            if (regions.size() < 2) {
                throw new IllegalArgumentException("routing records need at least two enabled regions, found " + regions.size());
            }
        }

        public static RoutingRecordsPropsBuilder builder() {
            return RoutingRecordsPropsBuilder.builder();
        }
    }
}
