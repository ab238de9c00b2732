package dev.crossfade.infra;

import dev.crossfade.infra.constructs.RegionalNetwork;
import dev.crossfade.infra.constructs.RegionalSecurityGroups;
import dev.crossfade.infra.constructs.RegionalService;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Everything Crossfade deploys in one region: network, security groups and the service behind
 * its ALB. The database, peering and health-check constructs attach to the getters. Named
 * {@code <project>-<environment>-<region>} and pinned to its region through {@code env}.
 */
public final class RegionalStack extends Stack {

    /** PostgreSQL, the only engine family the topology offers. */
    static final int DATABASE_PORT = 5432;

    private final Props props;
    private final RegionalNetwork network;
    private final RegionalSecurityGroups securityGroups;
    private final RegionalService service;

    public RegionalStack(Construct scope, Props props) {
        super(scope, nameFor(props), StackProps.builder()
                .stackName(nameFor(props))
                .env(Environment.builder().account(props.account().orElse(null)).region(props.region().name()).build())
                .description("Crossfade regional stack for " + props.topology().name() + " in " + props.region().name()
                        + (props.region().primary() ? " (primary)" : " (priority " + props.region().priority() + ")"))
                .build());
        this.props = props;
        Topology.App app = props.topology().app();
        Topology.Region region = props.region();
        network = new RegionalNetwork(this, "Network", RegionalNetwork.Props.builder().vpcCidr(region.vpcCidr()).build());
        securityGroups = new RegionalSecurityGroups(this, "SecurityGroups", RegionalSecurityGroups.Props.builder()
                .vpc(network.vpc()).appPort(app.containerPort()).databasePort(DATABASE_PORT).build());
        service = new RegionalService(this, "App", RegionalService.Props.builder()
                .vpc(network.vpc())
                .albSecurityGroup(securityGroups.alb())
                .serviceSecurityGroup(securityGroups.service())
                .image(app.image()).containerPort(app.containerPort()).healthPath(app.healthPath())
                .certificateArn(app.certificateArn())
                .instanceType(region.instanceType())
                .desiredCount(region.desiredCount()).minCapacity(region.minCount()).maxCapacity(region.maxCount())
                .build());
        outputs();
        // lets `cfn-lint cdk.out/*.template.json` check each template against its own region
        addMetadata("cfn-lint", Map.of("config", Map.of("regions", List.of(region.name()))));
        Tags.of(this).add("crossfade:project", props.topology().project());
        Tags.of(this).add("crossfade:environment", props.topology().environment());
        Tags.of(this).add("crossfade:role", region.primary() ? "primary" : "secondary");
    }

    static String nameFor(Props props) {
        return props.topology().name() + "-" + props.region().name();
    }

    private void outputs() {
        output("AlbDnsName", service.loadBalancer().getLoadBalancerDnsName(), "DNS name of the region's ALB");
        output("AlbHostedZoneId", service.loadBalancer().getLoadBalancerCanonicalHostedZoneId(),
                "canonical hosted zone of the ALB, for Route 53 alias records");
        output("VpcId", network.vpc().getVpcId(), "the region's VPC, for peering");
        output("PrivateRouteTableIds", Fn.join(",", network.privateRouteTableIds()),
                "comma-separated private route tables, for peering routes");
        output("DbSecurityGroupId", securityGroups.database().getSecurityGroupId(),
                "security group of the database, open to the service only");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    /**
     * Fn::GetAZs instead of a context lookup: synthesis then needs no AWS credentials, and the
     * stack still takes the region's first zones at deploy time.
     */
    @Override
    public List<String> getAvailabilityZones() {
        return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()));
    }

    public Topology topology() { return props.topology(); }

    public Topology.Region regionConfig() { return props.region(); }

    public RegionalNetwork network() { return network; }

    public RegionalSecurityGroups securityGroups() { return securityGroups; }

    public RegionalService service() { return service; }

    /**
     * @param account the AWS account; empty leaves the stack's account unresolved (deploys to
     *                whatever account the CLI's credentials belong to)
     */
    public record Props(Topology topology, Topology.Region region, Optional<String> account) {

        public Props {
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(region, "region");
            account = Objects.requireNonNullElse(account, Optional.empty());
            if (!region.enabled()) {
                throw new IllegalArgumentException("region " + region.name() + " is disabled; no stack is made for it");
            }
        }

        public static Builder builder() { return new Builder(); }

        public static final class Builder {
            private Topology topology;
            private Topology.Region region;
            private Optional<String> account = Optional.empty();

            public Builder topology(Topology v) { topology = v; return this; }
            public Builder region(Topology.Region v) { region = v; return this; }
            public Builder account(Optional<String> v) { account = v; return this; }

            public Props build() { return new Props(topology, region, account); }
        }
    }
}
