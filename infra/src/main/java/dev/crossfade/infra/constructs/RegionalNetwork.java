package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The region's VPC: public subnets (ALB, NAT gateways) and private subnets with egress (ECS
 * instances, databases) in {@code azCount} availability zones, one NAT gateway per zone so that
 * losing a zone does not cut the others off, and VPC flow logs to CloudWatch Logs.
 */
public final class RegionalNetwork extends Construct {

    /** Availability zones of each regional VPC (the regional stack uses the default). */
    public static final int DEFAULT_AZ_COUNT = 2;

    private final Vpc vpc;

    /** NAT gateways the VPC gets for {@code azCount} zones: one per zone. The cost model counts these. */
    public static int natGateways(int azCount) {
        return azCount;
    }

    public RegionalNetwork(Construct scope, String id, Props props) {
        super(scope, id);
        vpc = Vpc.Builder.create(this, "Vpc")
                .ipAddresses(IpAddresses.cidr(props.vpcCidr()))
                .maxAzs(props.azCount())
                .natGateways(natGateways(props.azCount()))
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).build(),
                        SubnetConfiguration.builder().name("private").subnetType(SubnetType.PRIVATE_WITH_EGRESS).build()))
                .flowLogs(Map.of("all", FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(this, "FlowLogs")
                                .retention(RetentionDays.ONE_MONTH)
                                .build()))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
                .build();
    }

    public IVpc vpc() {
        return vpc;
    }

    /** Route tables of the private subnets, for cross-region peering routes. */
    public List<String> privateRouteTableIds() {
        return vpc.getPrivateSubnets().stream().map(s -> s.getRouteTable().getRouteTableId()).toList();
    }

    /**
     * @param vpcCidr the VPC's IPv4 block ({@code regions.<r>.vpcCidr}); CDK splits it evenly between the subnets
     * @param azCount availability zones to spread over, at least 2 (an ALB needs two)
     */
    @PropsBuilder
    public record Props(String vpcCidr,
                        @RecordBuilder.Initializer(source = RegionalNetwork.class, value = "DEFAULT_AZ_COUNT") int azCount) {

        public Props {
            Objects.requireNonNull(vpcCidr, "vpcCidr");
            if (azCount < 2) {
                throw new IllegalArgumentException("azCount must be at least 2 (an ALB needs two zones), found " + azCount);
            }
        }

        public static RegionalNetworkPropsBuilder builder() {
            return RegionalNetworkPropsBuilder.builder();
        }
    }
}
