package dev.crossfade.infra.data;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.ArrayList;
import java.util.List;

/**
 * Who replicates to whom, derived from the topology; disabled regions never appear.
 * Plain Java, so that stacks and tests share one answer.
 */
public final class ReplicationPlan {

    /** One VPC peering connection: requested from {@code requester}, accepted in {@code accepter}. */
    public record PeeringPair(Region requester, Region accepter) {}

    private final Topology topology;

    public ReplicationPlan(Topology topology) {
        this.topology = topology;
    }

    /**
     * Regions that {@code region}'s S3 buckets replicate to: active-passive replicates from the
     * primary to every other enabled region only; active-active replicates every enabled region
     * to every other one.
     */
    public List<String> s3Destinations(String region) {
        Region source = topology.region(region).filter(Region::enabled).orElseThrow(
                () -> new IllegalArgumentException("region '" + region + "' is not an enabled region of the topology"));
        boolean replicates = topology.mode() == Topology.Mode.ACTIVE_ACTIVE || source.primary();
        if (!replicates) {
            return List.of();
        }
        return topology.enabledRegions().stream().map(Region::name).filter(r -> !r.equals(region)).toList();
    }

    /** Regions holding a DynamoDB replica: every enabled region except the primary, which owns the table. */
    public List<String> dynamoReplicaRegions() {
        return topology.secondaryRegions().stream().map(Region::name).toList();
    }

    /**
     * A full mesh over the enabled regions when {@code replication.vpcPeering} is on: one connection
     * per unordered pair, requested by the region with the better (lower) priority.
     */
    public List<PeeringPair> peeringPairs() {
        if (!topology.replication().vpcPeering()) {
            return List.of();
        }
        List<Region> regions = topology.enabledRegions();
        List<PeeringPair> pairs = new ArrayList<>();
        for (int i = 0; i < regions.size(); i++) {
            for (int j = i + 1; j < regions.size(); j++) {
                pairs.add(new PeeringPair(regions.get(i), regions.get(j)));
            }
        }
        return List.copyOf(pairs);
    }
}
