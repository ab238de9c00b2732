package dev.crossfade.infra.data.testutils;

import dev.crossfade.infra.data.AuroraCluster;
import dev.crossfade.infra.data.DataKey;
import dev.crossfade.infra.data.DataNames;
import dev.crossfade.infra.data.GlobalTables;
import dev.crossfade.infra.data.PeeringRoutes;
import dev.crossfade.infra.data.RdsPrimary;
import dev.crossfade.infra.data.RdsReadReplica;
import dev.crossfade.infra.data.ReplicatedBuckets;
import dev.crossfade.infra.data.ReplicationPlan;
import dev.crossfade.infra.data.VpcPeeringRequest;
import dev.crossfade.infra.global.Accelerator;
import dev.crossfade.infra.global.HealthChecks;
import dev.crossfade.infra.global.RegionEndpoint;
import dev.crossfade.infra.global.RoutingRecords;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;

/**
 * Builds, for one topology, the stacks the data and global constructs need, wired as
 * docs/data.md proposes: per enabled region a network+database stack, a storage stack and a
 * peering stack, and a global stack in us-east-1. ALB values are fixed strings standing in for
 * the regional stacks' outputs. Templates are synthesized once and cached.
 */
public final class TestApp {

    public static final String ACCOUNT = "123456789012";

    private final Topology topology;
    private final App app = new App();
    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private final Map<String, Template> templates = new LinkedHashMap<>();
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();

    public TestApp(Topology topology) {
        this.topology = topology;
        ReplicationPlan plan = new ReplicationPlan(topology);
        String prefix = topology.name();
        for (Region region : topology.enabledRegions()) {
            Stack net = stack("Net-" + region.name(), region.name());
            Vpc vpc = Vpc.Builder.create(net, "Vpc").ipAddresses(IpAddresses.cidr(region.vpcCidr())).maxAzs(2)
                    .natGateways(1).build();
            vpcs.put(region.name(), vpc);
            NagSuppressions.addResourceSuppressions(vpc, List.of(NagPackSuppression.builder().id("AwsSolutions-VPC7")
                    .reason("test stand-in for the regional stack's VPC, which owns the flow logs").build()));
            SecurityGroup sg = SecurityGroup.Builder.create(net, "DbSg").vpc(vpc).allowAllOutbound(false).build();
            database(net, region, vpc, sg);
        }
        for (Region region : topology.enabledRegions()) {
            Stack storage = stack("Storage-" + region.name(), region.name());
            new ReplicatedBuckets(storage, "Buckets", ReplicatedBuckets.Props.builder()
                    .prefix(prefix).region(region.name()).account(ACCOUNT)
                    .buckets(topology.replication().s3Buckets())
                    .destinationRegions(plan.s3Destinations(region.name())).build());
            if (!region.primary() && !topology.replication().dynamodbTables().isEmpty()) {
                new DataKey(storage, "DynamoKey", DataKey.Props.builder()
                        .aliasName(DataNames.keyAlias(prefix, "dynamodb")).build());
            }
        }
        Stack primaryStorage = stacks.get("Storage-" + topology.primaryRegion().name());
        new GlobalTables(primaryStorage, "Tables", GlobalTables.Props.builder()
                .prefix(prefix).tables(topology.replication().dynamodbTables())
                .replicaRegions(plan.dynamoReplicaRegions())
                .replicaKeyArns(plan.dynamoReplicaRegions().stream().collect(Collectors.toMap(r -> r,
                        r -> DataNames.keyAliasArn("aws", r, ACCOUNT, DataNames.keyAlias(prefix, "dynamodb")))))
                .keyAlias(DataNames.keyAlias(prefix, "dynamodb")).build());
        topology.secondaryRegions().forEach(r -> primaryStorage.addStackDependency(stacks.get("Storage-" + r.name())));
        peering(plan);
        global();
        Aspects.of(app).add(new AwsSolutionsChecks());
    }

    private void database(Stack net, Region region, Vpc vpc, SecurityGroup sg) {
        Topology.Database db = topology.database();
        String prefix = topology.name();
        Region primary = topology.primaryRegion();
        if (db.engine() == Topology.Engine.AURORA_POSTGRES_GLOBAL) {
            new AuroraCluster(net, "Aurora", AuroraCluster.Props.builder()
                    .role(region.primary() ? AuroraCluster.Role.PRIMARY : AuroraCluster.Role.SECONDARY)
                    .vpc(vpc).securityGroup(sg)
                    .clusterIdentifier(DataNames.dbClusterIdentifier(prefix, region.name()))
                    .globalClusterIdentifier(DataNames.globalClusterIdentifier(prefix))
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).engineVersion(db.engineVersion())
                    .instanceClass(db.instanceClass()).instanceCount(region.dbMultiAz() ? 2 : 1)
                    .backupRetentionDays(db.backupRetentionDays()).build());
        } else if (region.primary()) {
            new RdsPrimary(net, "Database", RdsPrimary.Props.builder()
                    .vpc(vpc).securityGroup(sg)
                    .instanceIdentifier(DataNames.dbInstanceIdentifier(prefix, region.name()))
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).engineVersion(db.engineVersion())
                    .instanceClass(db.instanceClass()).multiAz(region.dbMultiAz())
                    .allocatedStorage(db.allocatedStorage()).maxAllocatedStorage(db.maxAllocatedStorage())
                    .backupRetentionDays(db.backupRetentionDays()).build());
        } else {
            new RdsReadReplica(net, "Replica", RdsReadReplica.Props.builder()
                    .vpc(vpc).securityGroup(sg)
                    .instanceIdentifier(DataNames.dbInstanceIdentifier(prefix, region.name()))
                    .sourceDbInstanceArn(DataNames.dbInstanceArn("aws", primary.name(), ACCOUNT,
                            DataNames.dbInstanceIdentifier(prefix, primary.name())))
                    .sourceRegion(primary.name())
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).instanceClass(db.instanceClass())
                    .multiAz(region.dbMultiAz()).maxAllocatedStorage(db.maxAllocatedStorage()).build());
            net.addStackDependency(stacks.get("Net-" + primary.name()));
        }
    }

    /** Requester = better priority; so each region's peering stack depends only on better-ranked ones. */
    private void peering(ReplicationPlan plan) {
        Map<String, VpcPeeringRequest> requests = new LinkedHashMap<>();
        for (Region region : topology.enabledRegions()) {
            Stack peering = stack("Peering-" + region.name(), region.name());
            for (ReplicationPlan.PeeringPair pair : plan.peeringPairs()) {
                if (pair.accepter().name().equals(region.name())) {
                    new PeeringRoutes(peering, "From-" + pair.requester().name(), PeeringRoutes.Props.builder()
                            .vpc(vpcs.get(region.name())).peerCidr(pair.requester().vpcCidr())
                            .peeringConnectionId(requests.get(pair.requester().name() + ">" + region.name()).connectionId())
                            .build());
                } else if (pair.requester().name().equals(region.name())) {
                    requests.put(region.name() + ">" + pair.accepter().name(), new VpcPeeringRequest(peering,
                            "To-" + pair.accepter().name(), VpcPeeringRequest.Props.builder()
                            .name(topology.name() + "-" + region.name() + "-to-" + pair.accepter().name())
                            .vpc(vpcs.get(region.name())).peerVpcId(vpcs.get(pair.accepter().name()).getVpcId())
                            .peerRegion(pair.accepter().name()).peerCidr(pair.accepter().vpcCidr()).account(ACCOUNT)
                            .build()));
                }
            }
        }
    }

    private void global() {
        Stack global = stack("Global", "us-east-1");
        List<Region> regions = topology.enabledRegions();
        Map<String, RegionEndpoint> endpoints = endpoints(regions);
        HealthChecks checks = new HealthChecks(global, "HealthChecks", HealthChecks.Props.builder()
                .prefix(topology.name()).healthCheck(topology.healthCheck())
                .endpoints(List.copyOf(endpoints.values())).build());
        new RoutingRecords(global, "Records", RoutingRecords.Props.builder()
                .domainName(topology.domain().name()).hostedZoneId(topology.domain().hostedZoneId())
                .routing(topology.routing()).regions(regions).endpoints(endpoints)
                .healthCheckIds(regions.stream().collect(Collectors.toMap(Region::name, r -> checks.healthCheckId(r.name()))))
                .build());
        if (topology.globalAccelerator().enabled()) {
            new Accelerator(global, "Accelerator", Accelerator.Props.builder()
                    .prefix(topology.name()).mode(topology.mode()).regions(regions).endpoints(endpoints)
                    .healthCheck(topology.healthCheck()).accelerator(topology.globalAccelerator())
                    .hostedZoneId(topology.domain().hostedZoneId()).domainName(topology.domain().name()).build());
        }
    }

    /** Stand-ins for the regional stacks' ALB outputs. */
    public static Map<String, RegionEndpoint> endpoints(List<Region> regions) {
        Map<String, RegionEndpoint> endpoints = new LinkedHashMap<>();
        for (Region r : regions) {
            endpoints.put(r.name(), new RegionEndpoint(r.name(), "alb-" + r.name() + ".elb.amazonaws.com",
                    "ZALB" + r.name().replace("-", "").toUpperCase(),
                    "arn:aws:elasticloadbalancing:" + r.name() + ":" + ACCOUNT + ":loadbalancer/app/alb/" + r.priority()));
        }
        return endpoints;
    }

    private Stack stack(String id, String region) {
        Stack stack = new Stack(app, id, StackProps.builder()
                .env(Environment.builder().account(ACCOUNT).region(region).build())
                .crossRegionReferences(true)
                .build());
        stacks.put(id, stack);
        return stack;
    }

    public Topology topology() {
        return topology;
    }

    public Stack stack(String id) {
        Stack stack = stacks.get(id);
        if (stack == null) {
            throw new IllegalArgumentException("no stack " + id + "; have " + stacks.keySet());
        }
        return stack;
    }

    public Map<String, Stack> stacks() {
        return Map.copyOf(stacks);
    }

    /** The synthesized template of a stack, synthesized at most once per test app. */
    public synchronized Template template(String id) {
        return templates.computeIfAbsent(id, k -> Template.fromStack(stack(k)));
    }
}
