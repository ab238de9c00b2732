package dev.crossfade.infra;

import dev.crossfade.infra.data.PeeringRoutes;
import dev.crossfade.infra.data.ReplicationPlan;
import dev.crossfade.infra.data.VpcPeeringRequest;
import dev.crossfade.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import software.constructs.Construct;

/**
 * VPC peering of one region, {@code <project>-<environment>-<region>-peering}: it requests the
 * connections to every worse-ranked region (the peer VPC id arrives as a cross-region
 * reference) and routes the private subnets to each peer's CIDR, over its own requests and over
 * the connections better-ranked regions requested (their ids arrive the same way). A region
 * reads only from its own regional stack, the peers' regional stacks and better-ranked peering
 * stacks, so the stacks form no cycle.
 */
public final class PeeringStack extends CrossfadeStack {

    private final Map<String, VpcPeeringRequest> requests = new LinkedHashMap<>();

    /**
     * @param regional the regional stacks by region
     * @param better   the peering stacks of better-ranked regions by region, whose requests this one accepts
     */
    public PeeringStack(Construct scope, Topology topology, RegionalStack own, Map<String, RegionalStack> regional,
                        Map<String, PeeringStack> better) {
        super(scope, nameFor(topology, own.regionConfig()), topology, own.regionConfig().name(), own.getAccount(),
                "Crossfade VPC peering for " + topology.name() + " in " + own.regionConfig().name());
        Objects.requireNonNull(regional, "regional");
        String region = own.regionConfig().name();
        addStackDependency(own, "routes go into this region's VPC");
        for (ReplicationPlan.PeeringPair pair : new ReplicationPlan(topology).peeringPairs()) {
            if (pair.requester().name().equals(region)) {
                Topology.Region peer = pair.accepter();
                RegionalStack peerStack = regional.get(peer.name());
                addStackDependency(peerStack, "the request names the peer's VPC");
                VpcPeeringRequest request = new VpcPeeringRequest(this, "To-" + peer.name(), VpcPeeringRequest.Props.builder()
                        .name(topology.name() + "-" + region + "-to-" + peer.name())
                        .vpc(own.network().vpc()).peerVpcId(peerStack.network().vpc().getVpcId())
                        .peerRegion(peer.name()).peerCidr(peer.vpcCidr()).account(own.getAccount())
                        .build());
                requests.put(peer.name(), request);
            } else if (pair.accepter().name().equals(region)) {
                PeeringStack requester = better.get(pair.requester().name());
                if (requester == null) {
                    throw new IllegalStateException("the peering stack of " + pair.requester().name()
                            + " must be built before " + region + "'s");
                }
                addStackDependency(requester, "the routes use the connection " + pair.requester().name() + " requested");
                new PeeringRoutes(this, "From-" + pair.requester().name(), PeeringRoutes.Props.builder()
                        .vpc(own.network().vpc()).peerCidr(pair.requester().vpcCidr())
                        .peeringConnectionId(requester.requests.get(region).connectionId())
                        .build());
            }
        }
    }

    public static String nameFor(Topology topology, Topology.Region region) {
        return topology.name() + "-" + region.name() + "-peering";
    }

    /** The connections this region requested, by accepter region. */
    public Map<String, VpcPeeringRequest> requests() {
        return Ordered.copyOf(requests);
    }
}
