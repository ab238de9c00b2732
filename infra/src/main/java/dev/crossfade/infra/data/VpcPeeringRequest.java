package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnTag;
import software.amazon.awscdk.services.ec2.CfnVPCPeeringConnection;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/**
 * The requester side of a cross-region VPC peering connection, with the requester's routes to the
 * peer. Both VPCs are in the same account, where CloudFormation accepts the request without a peer
 * role; a cross-account peer would need {@code peerRoleArn} (not supported here, see docs/data.md).
 * The accepter side is {@link PeeringRoutes} in the peer region's stack, given {@link #connectionId()}.
 */
public final class VpcPeeringRequest extends Construct {

    private final CfnVPCPeeringConnection connection;

    public VpcPeeringRequest(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props.vpc(), "vpc");
        this.connection = CfnVPCPeeringConnection.Builder.create(this, "Connection")
                .vpcId(props.vpc().getVpcId())
                .peerVpcId(Objects.requireNonNull(props.peerVpcId(), "peerVpcId"))
                .peerRegion(Objects.requireNonNull(props.peerRegion(), "peerRegion"))
                .peerOwnerId(Objects.requireNonNull(props.account(), "account"))
                .tags(List.of(CfnTag.builder().key("Name").value(props.name()).build()))
                .build();
        new PeeringRoutes(this, "Routes", PeeringRoutes.Props.builder()
                .vpc(props.vpc()).peerCidr(props.peerCidr()).peeringConnectionId(connection.getRef()).build());
        CfnOutput.Builder.create(this, "ConnectionId").value(connection.getRef())
                .description("VPC peering connection to " + props.peerRegion()).build();
    }

    /** The connection id, for the accepter's {@link PeeringRoutes}. */
    public String connectionId() {
        return connection.getRef();
    }

    @PropsBuilder
    public record Props(String name, IVpc vpc, String peerVpcId, String peerRegion, String peerCidr, String account) {

        public Props {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(peerCidr, "peerCidr");
        }

        public static VpcPeeringRequestPropsBuilder builder() {
            return VpcPeeringRequestPropsBuilder.builder();
        }
    }
}
