package dev.crossfade.infra.data;

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

    public record Props(String name, IVpc vpc, String peerVpcId, String peerRegion, String peerCidr, String account) {

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String name;
            private IVpc vpc;
            private String peerVpcId;
            private String peerRegion;
            private String peerCidr;
            private String account;

            public Builder name(String v) { this.name = v; return this; }
            public Builder vpc(IVpc v) { this.vpc = v; return this; }
            public Builder peerVpcId(String v) { this.peerVpcId = v; return this; }
            public Builder peerRegion(String v) { this.peerRegion = v; return this; }
            public Builder peerCidr(String v) { this.peerCidr = v; return this; }
            public Builder account(String v) { this.account = v; return this; }

            public Props build() {
                return new Props(Objects.requireNonNull(name, "name"), vpc, peerVpcId, peerRegion,
                        Objects.requireNonNull(peerCidr, "peerCidr"), account);
            }
        }
    }
}
