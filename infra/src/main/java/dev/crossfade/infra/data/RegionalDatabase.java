package dev.crossfade.infra.data;

import static java.util.Objects.requireNonNull;

import dev.crossfade.infra.PropsBuilder;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Region;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.constructs.Construct;

/**
 * The database of one region, chosen from {@code database.engine} and the region's role: an
 * {@link RdsPrimary} or {@link RdsReadReplica} (rds-postgres), or an {@link AuroraCluster} PRIMARY
 * or SECONDARY (aurora-postgres-global). Other regions are named by {@link DataNames}, so no
 * cross-region token is needed; the stack of a replica must deploy after the primary's.
 */
public final class RegionalDatabase extends Construct {

    public RegionalDatabase(Construct scope, String id, Props props) {
        super(scope, id);
        Topology t = props.topology();
        Topology.Database db = t.database();
        Region region = props.region();
        String prefix = t.name();
        if (db.engine() == Topology.Engine.AURORA_POSTGRES_GLOBAL) {
            new AuroraCluster(this, "Aurora", AuroraCluster.Props.builder()
                    .role(region.primary() ? AuroraCluster.Role.PRIMARY : AuroraCluster.Role.SECONDARY)
                    .vpc(props.vpc()).securityGroup(props.securityGroup())
                    .clusterIdentifier(DataNames.dbClusterIdentifier(prefix, region.name()))
                    .globalClusterIdentifier(DataNames.globalClusterIdentifier(prefix))
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).engineVersion(db.engineVersion())
                    .instanceClass(db.instanceClass()).instanceCount(region.dbMultiAz() ? 2 : 1)
                    .backupRetentionDays(db.backupRetentionDays()).build());
        } else if (region.primary()) {
            new RdsPrimary(this, "Database", RdsPrimary.Props.builder()
                    .vpc(props.vpc()).securityGroup(props.securityGroup())
                    .instanceIdentifier(DataNames.dbInstanceIdentifier(prefix, region.name()))
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).engineVersion(db.engineVersion())
                    .instanceClass(db.instanceClass()).multiAz(region.dbMultiAz())
                    .allocatedStorage(db.allocatedStorage()).maxAllocatedStorage(db.maxAllocatedStorage())
                    .backupRetentionDays(db.backupRetentionDays())
                    .parameterGroupName(DataNames.dbParameterGroupName(prefix, region.name()))
                    .subnetGroupName(DataNames.dbSubnetGroupName(prefix, region.name())).build());
        } else {
            Region primary = t.primaryRegion();
            new RdsReadReplica(this, "Replica", RdsReadReplica.Props.builder()
                    .vpc(props.vpc()).securityGroup(props.securityGroup())
                    .instanceIdentifier(DataNames.dbInstanceIdentifier(prefix, region.name()))
                    .sourceDbInstanceArn(DataNames.dbInstanceArn(props.partition(), primary.name(), props.account(),
                            DataNames.dbInstanceIdentifier(prefix, primary.name())))
                    .sourceRegion(primary.name())
                    .keyAlias(DataNames.keyAlias(prefix, "rds")).instanceClass(db.instanceClass())
                    .multiAz(region.dbMultiAz()).maxAllocatedStorage(db.maxAllocatedStorage())
                    .parameterGroupName(DataNames.dbParameterGroupName(prefix, region.name()))
                    .parameterGroupFamily("postgres" + db.engineVersion().split("\\.")[0])
                    .subnetGroupName(DataNames.dbSubnetGroupName(prefix, region.name())).build());
        }
    }

    /**
     * The RDS read replicas whose {@code AWS/RDS ReplicaLag} the detector reads before a failover:
     * region -> instance identifier, for rds-postgres; empty for Aurora, whose lag is a cluster
     * metric ({@code AuroraGlobalDBReplicationLag}) the detector does not read.
     */
    public static Map<String, String> replicaInstances(Topology t) {
        if (t.database().engine() != Topology.Engine.RDS_POSTGRES) {
            return Map.of();
        }
        return t.secondaryRegions().stream().map(Region::name)
                .collect(Collectors.toMap(Function.identity(), r -> DataNames.dbInstanceIdentifier(t.name(), r)));
    }

    /**
     * @param account   the concrete account, for the primary's ARN that a replica names
     * @param partition the ARNs' partition (null: {@code aws})
     */
    @PropsBuilder
    public record Props(Topology topology, Region region, IVpc vpc, ISecurityGroup securityGroup, String account,
                        String partition) {

        public Props {
            requireNonNull(topology, "topology");
            requireNonNull(region, "region");
            requireNonNull(vpc, "vpc");
            requireNonNull(securityGroup, "securityGroup");
            requireNonNull(account, "account");
            partition = Objects.requireNonNullElse(partition, "aws");
        }

        public static RegionalDatabasePropsBuilder builder() {
            return RegionalDatabasePropsBuilder.builder();
        }
    }
}
