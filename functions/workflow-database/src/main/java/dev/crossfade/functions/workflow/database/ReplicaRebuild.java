package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.ReplicationPendingException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceAlreadyExistsException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/**
 * After the writer moved, the other regions' databases must follow the new writer, or the next
 * failover has no replica it may promote ({@link WriterLineage}). rds-postgres cannot re-point a
 * cross-region replica at another source, so each replica still following another instance is
 * renamed aside ({@code <id>-stale-<epoch>}: kept, never deleted, for the operator to snapshot and
 * remove) and a new replica of the new writer is created under the configured identifier, in the
 * subnet group and VPC security groups the replaced instance had (where the region's stack put it),
 * with the region's parameter group and KMS key ({@link ReplicationRebuild#createReplica}, shared
 * with failback).
 * aurora-postgres-global: the global cluster's secondaries follow its writer by themselves; this
 * reads them back and lists a configured cluster that is not a member. The old primary's region
 * ({@code from}) is left to failback. After the critical path, best effort.
 */
public final class ReplicaRebuild extends StepLogic {

    /** @param actions one line per region: follows, rebuilt (old one renamed to ...), pending, member, not a member */
    public record Result(List<String> actions, String endedAt) {}

    public ReplicaRebuild(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result rebuild(StepInput input) {
        List<String> actions = new ArrayList<>();
        if (config.engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            checkMembers(input, actions);
            return new Result(actions, Timestamps.now());
        }
        String to = input.to();
        DBInstance writer = RdsInstances.find(clients, to, config.region(to).dbInstanceId())
                .orElseThrow(() -> new ReplicationNotReadyException("new writer " + config.region(to).dbInstanceId() + " not found in " + to));
        for (String region : config.regions().keySet()) {
            if (region.equals(to) || region.equals(input.from())) {
                continue;
            }
            actions.add(region + ": " + follow(region, writer, to));
        }
        return new Result(actions, Timestamps.now());
    }

    private String follow(String region, DBInstance writer, String writerRegion) {
        RegionTargets target = config.region(region);
        Optional<DBInstance> current = RdsInstances.find(clients, region, target.dbInstanceId());
        String renamed = null;
        // where the replica goes: where the region's stack put its database (the instance being replaced)
        Optional<DBInstance> replaced = current.or(() -> staleInstance(region, target.dbInstanceId()));
        if (replaced.isEmpty()) {
            return "not rebuilt: no instance " + target.dbInstanceId() + " (nor one renamed aside) in " + region
                    + " to take the subnet group and security groups from; a replica created without them lands in the default VPC"
                    + " (an operator recreates it from the regional stack, docs/operations.md)";
        }
        if (current.isPresent()) {
            String source = current.get().readReplicaSourceDBInstanceIdentifier();
            if (source == null) {
                return "left alone: " + target.dbInstanceId() + " is a standalone instance, not a replica (an operator checks it)";
            }
            if (WriterLineage.sameInstance(source, writer.dbInstanceArn())) {
                return "follows " + writerRegion;
            }
            if (!"available".equals(current.get().dbInstanceStatus())) {
                throw new ReplicationPendingException(target.dbInstanceId() + " in " + region + " is " + current.get().dbInstanceStatus());
            }
            renamed = staleName(target.dbInstanceId());
            String newName = renamed;
            AwsCalls.run("ModifyDBInstance " + target.dbInstanceId(), () -> clients.get(RDS, region).modifyDBInstance(r -> r
                    .dbInstanceIdentifier(target.dbInstanceId()).newDBInstanceIdentifier(newName).applyImmediately(true)));
        }
        Optional<ReplicaPlacement> placement = placementOf(region, replaced.get());
        try {
            ReplicationRebuild.createReplica(clients, region, target, writer.dbInstanceArn(), writerRegion, placement);
        } catch (DbInstanceAlreadyExistsException e) {
            // the rename takes a while on AWS: the old name is still taken
            throw new ReplicationPendingException("renaming the stale replica in " + region + " aside is in progress: " + e.getMessage());
        }
        return "rebuilt from " + writerRegion + (renamed == null ? "" : " (the stale replica is kept as " + renamed + ")");
    }

    private void checkMembers(StepInput input, List<String> actions) {
        GlobalCluster global = AwsCalls.call("DescribeGlobalClusters", () -> clients.get(RDS, input.to())
                        .describeGlobalClusters(r -> r.globalClusterIdentifier(config.globalClusterId())))
                .globalClusters().stream().filter(g -> config.globalClusterId().equals(g.globalClusterIdentifier())).findFirst()
                .orElseThrow(() -> new ReplicationNotReadyException("global cluster " + config.globalClusterId() + " not found"));
        String writer = Promotion.writer(global).orElse("none");
        for (var entry : config.regions().entrySet()) {
            String arn = entry.getValue().dbClusterArn();
            boolean member = global.globalClusterMembers().stream().map(GlobalClusterMember::dbClusterArn).anyMatch(arn::equals);
            actions.add(entry.getKey() + ": " + (arn.equals(writer) ? "writer" : member ? "member, follows " + writer : "not a member of "
                    + config.globalClusterId() + ": it follows no writer (an operator adds it back)"));
        }
    }

    /**
     * The region's subnet group and VPC security groups, as the instance being replaced has them.
     * Every instance in a VPC has a DB subnet group on AWS; an instance without one (moto creates
     * such) leaves the placement to RDS, as the replaced instance's was.
     */
    static Optional<ReplicaPlacement> placementOf(String region, DBInstance db) {
        if (db.dbSubnetGroup() == null || db.dbSubnetGroup().dbSubnetGroupName() == null) {
            return Optional.empty();
        }
        List<String> groups = db.vpcSecurityGroups().stream().map(g -> g.vpcSecurityGroupId()).toList();
        return Optional.of(new ReplicaPlacement(region, db.dbSubnetGroup().dbSubnetGroupName(), groups));
    }

    /** The newest instance renamed aside by an earlier attempt ({@code <id>-stale-<epoch>}), after the rename completed. */
    private Optional<DBInstance> staleInstance(String region, String id) {
        String prefix = staleName(id).replaceFirst("-stale-\\d+$", "-stale-");
        return AwsCalls.call("DescribeDBInstances " + region, () -> clients.get(RDS, region).describeDBInstances()).dbInstances().stream()
                .filter(db -> db.dbInstanceIdentifier().startsWith(prefix))
                .max(java.util.Comparator.comparing(DBInstance::dbInstanceIdentifier));
    }

    static String staleName(String id) {
        String suffix = "-stale-" + Instant.now().getEpochSecond();
        return (id.length() + suffix.length() > 63 ? id.substring(0, 63 - suffix.length()) : id) + suffix;
    }
}
