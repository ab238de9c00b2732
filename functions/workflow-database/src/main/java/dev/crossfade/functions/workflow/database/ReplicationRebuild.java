package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.ReplicationNotReadyException;
import dev.crossfade.functions.workflow.ReplicationPendingException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * Failback's first half: replication from the current primary ({@code from}) back into the
 * region being re-activated ({@code to}). rds-postgres: a new cross-region read replica under the
 * configured identifier; aurora-postgres-global: the old cluster must have rejoined the global
 * cluster as a secondary. Never deletes anything: a stale instance is the operator's to remove.
 */
public final class ReplicationRebuild extends StepLogic {

    /** @param action created, exists, rejoined */
    public record Result(String action, String replica) {}

    private final Optional<ReplicaPlacement> placement;

    public ReplicationRebuild(AwsClients clients, WorkflowConfig config) {
        this(clients, config, Optional.empty());
    }

    /** @param placement the subnet group and security groups of this function's stack (the region being re-activated) */
    public ReplicationRebuild(AwsClients clients, WorkflowConfig config, Optional<ReplicaPlacement> placement) {
        super(clients, config);
        this.placement = placement;
    }

    public Result rebuild(StepInput input) {
        if (config.engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            return requireRejoined(input);
        }
        RegionTargets target = config.region(input.to());
        DBInstance primary = RdsInstances.find(clients, input.from(), config.region(input.from()).dbInstanceId())
                .orElseThrow(() -> new ReplicationNotReadyException("current primary " + config.region(input.from()).dbInstanceId()
                        + " not found in " + input.from()));
        placement.filter(p -> !p.region().equals(input.to())).ifPresent(p -> {
            throw new ReplicationNotReadyException("RebuildReplication of " + p.region() + " cannot place a replica in "
                    + input.to() + ": start the failback in " + input.to() + ", the region being re-activated");
        });
        Optional<DBInstance> existing = RdsInstances.find(clients, input.to(), target.dbInstanceId());
        if (existing.isPresent()) {
            if (primary.dbInstanceArn().equals(existing.get().readReplicaSourceDBInstanceIdentifier())) {
                return new Result("exists", target.dbInstanceId());
            }
            throw new ReplicationNotReadyException("instance " + target.dbInstanceId() + " in " + input.to()
                    + " is not a replica of the current primary " + primary.dbInstanceArn() + " (it holds the old, diverged data):"
                    + " take a final snapshot, delete or rename it, then run failback again");
        }
        createReplica(clients, input.to(), target, primary.dbInstanceArn(), input.from(), placement);
        return new Result("created", target.dbInstanceId());
    }

    /**
     * A cross-region read replica of {@code sourceArn} (in {@code sourceRegion}) under the region's
     * configured identifier, placed in {@code placement} when it is that region's (else RDS's default
     * placement: see docs/operations.md). Shared by failback and by the rebuild of the other replicas
     * after a failover ({@link ReplicaRebuild}).
     */
    static void createReplica(AwsClients clients, String region, RegionTargets target, String sourceArn, String sourceRegion,
            Optional<ReplicaPlacement> stackPlacement) {
        Optional<ReplicaPlacement> placement = stackPlacement.filter(p -> p.region().equals(region));
        AwsCalls.run("CreateDBInstanceReadReplica " + target.dbInstanceId(), () -> clients.get(RDS, region)
                .createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(target.dbInstanceId())
                        .sourceDBInstanceIdentifier(sourceArn).dbParameterGroupName(target.dbParameterGroup())
                        // an encrypted source replicates across regions only with a key of the replica's region
                        .kmsKeyId(target.dbKmsKeyId())
                        // the stack's subnet group and security groups: else the default VPC, or a refusal
                        .dbSubnetGroupName(placement.map(ReplicaPlacement::subnetGroup).orElse(null))
                        .vpcSecurityGroupIds(placement.map(ReplicaPlacement::securityGroupIds).orElse(null))
                        .sourceRegion(sourceRegion)));
    }

    /** Done when the new replica is available; {@link ReplicationPendingException} until then. */
    public Result check(StepInput input) {
        if (config.engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            return requireRejoined(input);
        }
        RegionTargets target = config.region(input.to());
        DBInstance replica = RdsInstances.find(clients, input.to(), target.dbInstanceId())
                .orElseThrow(() -> new ReplicationNotReadyException("replica " + target.dbInstanceId() + " vanished from " + input.to()));
        if (!"available".equals(replica.dbInstanceStatus())) {
            throw new ReplicationPendingException("replica " + target.dbInstanceId() + " is " + replica.dbInstanceStatus());
        }
        return new Result("available", target.dbInstanceId());
    }

    private Result requireRejoined(StepInput input) {
        RegionTargets target = config.region(input.to());
        boolean secondary = AwsCalls.call("DescribeGlobalClusters", () -> clients.get(RDS, input.to())
                        .describeGlobalClusters(r -> r.globalClusterIdentifier(config.globalClusterId())))
                .globalClusters().stream().filter(g -> config.globalClusterId().equals(g.globalClusterIdentifier()))
                .flatMap(g -> g.globalClusterMembers().stream())
                .filter(m -> target.dbClusterArn().equals(m.dbClusterArn())).anyMatch(m -> !Boolean.TRUE.equals(m.isWriter()));
        if (!secondary) {
            throw new ReplicationNotReadyException("cluster " + target.dbClusterArn() + " has not rejoined global cluster "
                    + config.globalClusterId() + " as a secondary");
        }
        return new Result("rejoined", target.dbClusterArn());
    }
}
