package dev.crossfade.local;

import dev.crossfade.topology.Topology;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.ResourceRecordSetFailover;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * The global stack's DNS in moto's Route 53: a hosted zone for {@code domain.name}, one HTTP
 * health check per enabled region aimed at that region's loopback health server (the emulator
 * probes it for real), and the records of the topology's routing policy, each carrying its
 * region's check. Failover over more than two regions is the chain docs/routing.md describes.
 */
public final class EmulatedDns implements AutoCloseable {

    private final Route53Client route53;
    private final Topology topology;
    private final String zoneId;
    private final Map<String, String> healthChecks = new LinkedHashMap<>();

    private EmulatedDns(Route53Client route53, Topology topology, String zoneId) {
        this.route53 = route53;
        this.topology = topology;
        this.zoneId = zoneId;
    }

    /** @param endpoints each enabled region's health URL on loopback */
    public static EmulatedDns create(URI motoEndpoint, Topology topology, Map<String, URI> endpoints) {
        Route53Client route53 = Route53Client.builder().region(Region.AWS_GLOBAL).endpointOverride(motoEndpoint)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build();
        String zone = route53.createHostedZone(b -> b.name(topology.domain().name()).callerReference("crossfade-" + System.nanoTime()))
                .hostedZone().id().replaceFirst("^/hostedzone/", "");
        EmulatedDns dns = new EmulatedDns(route53, topology, zone);
        dns.createHealthChecks(endpoints);
        dns.createRecords();
        return dns;
    }

    public Route53Client route53() {
        return route53;
    }

    public String zoneId() {
        return zoneId;
    }

    /** Region -> its health check's id. */
    public Map<String, String> healthChecks() {
        return Map.copyOf(healthChecks);
    }

    private void createHealthChecks(Map<String, URI> endpoints) {
        Topology.HealthCheck hc = topology.healthCheck();
        for (Topology.Region r : topology.enabledRegions()) {
            URI uri = endpoints.get(r.name());
            String id = route53.createHealthCheck(b -> b.callerReference(r.name() + "-" + System.nanoTime()).healthCheckConfig(c -> c
                    .type(HealthCheckType.HTTP).ipAddress("127.0.0.1").port(uri.getPort()).resourcePath(uri.getPath())
                    .requestInterval(hc.intervalSeconds()).failureThreshold(hc.failureThreshold()))).healthCheck().id();
            healthChecks.put(r.name(), id);
        }
    }

    private void createRecords() {
        String domain = topology.domain().name();
        List<Change> changes = new ArrayList<>();
        List<Topology.Region> regions = topology.enabledRegions();
        if (topology.routing() == Topology.Routing.FAILOVER) {
            for (int i = 0; i < regions.size() - 1; i++) {
                String name = i == 0 ? domain : "failover-" + (i + 1) + "." + domain;
                String next = "failover-" + (i + 2);
                changes.add(upsert(regionRecord(name, regions.get(i)).failover(ResourceRecordSetFailover.PRIMARY).build()));
                ResourceRecordSet.Builder secondary = i == regions.size() - 2
                        ? regionRecord(name, regions.get(i + 1))
                        : ResourceRecordSet.builder().name(name).type(RRType.A).setIdentifier(next)
                                .aliasTarget(a -> a.hostedZoneId(zoneId).dnsName(next + "." + domain).evaluateTargetHealth(true));
                changes.add(upsert(secondary.failover(ResourceRecordSetFailover.SECONDARY).build()));
            }
        } else {
            for (Topology.Region r : regions) {
                ResourceRecordSet.Builder record = regionRecord(domain, r);
                switch (topology.routing()) {
                    case LATENCY -> record.region(r.name());
                    case WEIGHTED -> record.weight((long) r.weight().orElse(1));
                    case GEOLOCATION -> record.geoLocation(g -> g.continentCode(r.continents().stream()
                            .filter(c -> !c.equals("default")).findFirst().orElse(null))
                            .countryCode(r.continents().stream().allMatch(c -> c.equals("default")) ? "*" : null));
                    default -> throw new IllegalStateException("routing " + topology.routing());
                }
                changes.add(upsert(record.build()));
            }
        }
        route53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(c -> c.changes(changes)));
    }

    /** The region's answer: a TEST-NET address standing for its load balancer, identified by its region code. */
    private ResourceRecordSet.Builder regionRecord(String name, Topology.Region r) {
        return ResourceRecordSet.builder().name(name).type(RRType.A).setIdentifier(r.name()).ttl(60L)
                .resourceRecords(v -> v.value("192.0.2." + r.priority())).healthCheckId(healthChecks.get(r.name()));
    }

    private static Change upsert(ResourceRecordSet record) {
        return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(record).build();
    }

    @Override
    public void close() {
        route53.close();
    }
}
