package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/**
 * Routes to a peer VPC's CIDR through a peering connection, in every private (and isolated)
 * route table of {@code vpc}. Used on both sides: the requester with its own connection's id,
 * the accepter with the id exported from the requester's stack.
 */
public final class PeeringRoutes extends Construct {

    private final int routeCount;

    public PeeringRoutes(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props.vpc(), "vpc");
        Set<String> routeTables = new LinkedHashSet<>();
        for (List<ISubnet> subnets : List.of(props.vpc().getPrivateSubnets(), props.vpc().getIsolatedSubnets())) {
            subnets.forEach(s -> routeTables.add(s.getRouteTable().getRouteTableId()));
        }
        if (routeTables.isEmpty()) {
            throw new IllegalArgumentException("VPC peering to " + props.peerCidr()
                    + " needs private or isolated subnets in the VPC, found none");
        }
        int i = 0;
        for (String routeTable : routeTables) {
            CfnRoute.Builder.create(this, "Route" + (++i))
                    .routeTableId(routeTable)
                    .destinationCidrBlock(props.peerCidr())
                    .vpcPeeringConnectionId(props.peeringConnectionId())
                    .build();
        }
        this.routeCount = i;
    }

    public int routeCount() {
        return routeCount;
    }

    @PropsBuilder
    public record Props(IVpc vpc, String peerCidr, String peeringConnectionId) {

        public Props {
            Objects.requireNonNull(peerCidr, "peerCidr");
            Objects.requireNonNull(peeringConnectionId, "peeringConnectionId");
        }

        public static PeeringRoutesPropsBuilder builder() {
            return PeeringRoutesPropsBuilder.builder();
        }
    }
}
