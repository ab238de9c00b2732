package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.PromotionFailedException;
import dev.crossfade.functions.workflow.PromotionPendingException;
import dev.crossfade.functions.workflow.ReplicaCatchingUpException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.ReplicaLag;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * Makes the target's database the writer. Only a database that follows the current writer may be
 * promoted ({@link WriterLineage}). Idempotent: a rerun after a partial run finds the target
 * already promoted from this writer for this incident (or already the global writer) and does not
 * promote twice.
 */
public final class Promotion extends StepLogic {

    /** @param action promoted, already-promoted, switchover, failover */
    public record Started(String action, String target, String startedAt) {}

    public record Finished(String writer, String endedAt) {}

    public Promotion(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Started start(StepInput input) {
        String startedAt = Timestamps.startOf(input);
        return config.engine() == Engine.RDS_POSTGRES ? promoteReplica(input, startedAt) : moveGlobalWriter(input, startedAt);
    }

    /** Done when the target is a standalone, available writer; {@link PromotionPendingException} while it is not. */
    public Finished check(StepInput input) {
        String to = input.to();
        RegionTargets target = config.region(to);
        if (config.engine() == Engine.RDS_POSTGRES) {
            DBInstance db = instance(to, target.dbInstanceId());
            String status = db.dbInstanceStatus();
            if (status.startsWith("failed") || status.startsWith("incompatible") || status.startsWith("inaccessible")) {
                throw new PromotionFailedException("promoted instance " + target.dbInstanceId() + " in " + to + " is " + status);
            }
            if (db.readReplicaSourceDBInstanceIdentifier() != null || !"available".equals(status)) {
                throw new PromotionPendingException("instance " + target.dbInstanceId() + " is " + status
                        + (db.readReplicaSourceDBInstanceIdentifier() != null ? ", still replicating from " + db.readReplicaSourceDBInstanceIdentifier() : ""));
            }
            return new Finished(db.dbInstanceArn(), Timestamps.now());
        }
        GlobalCluster global = globalCluster(to);
        if (!target.dbClusterArn().equals(writer(global).orElse(null)) || !"available".equals(global.status())) {
            throw new PromotionPendingException("global cluster " + config.globalClusterId() + " is " + global.status()
                    + ", writer " + writer(global).orElse("none"));
        }
        return new Finished(target.dbClusterArn(), Timestamps.now());
    }

    private Started promoteReplica(StepInput input, String startedAt) {
        String to = input.to();
        RegionTargets target = config.region(to);
        DBInstance db = instance(to, target.dbInstanceId());
        if (new WriterLineage(clients, config).require(input, db) == WriterLineage.Standing.PROMOTED_FROM_WRITER) {
            return new Started("already-promoted", target.dbInstanceId(), startedAt);
        }
        if (input.workflowMode().planned()) {
            requireCaughtUp(to);
        }
        // The target's group may still be read-only from an earlier run that fenced this region.
        AwsCalls.run("ModifyDBParameterGroup " + target.dbParameterGroup(), () -> clients.get(RDS, to).modifyDBParameterGroup(r -> r
                .dbParameterGroupName(target.dbParameterGroup()).parameters(Parameter.builder()
                        .parameterName(Fencing.READ_ONLY_PARAMETER).parameterValue("off").applyMethod(ApplyMethod.IMMEDIATE).build())));
        // A promoted instance no longer names its source: the tags let a rerun tell "promoted from this
        // writer for this incident" from an old primary (WriterLineage).
        AwsCalls.run("AddTagsToResource " + target.dbInstanceId(), () -> clients.get(RDS, to).addTagsToResource(r -> r
                .resourceName(db.dbInstanceArn()).tags(WriterLineage.promotionTags(db.readReplicaSourceDBInstanceIdentifier(), input.incidentId()))));
        try {
            AwsCalls.run("PromoteReadReplica " + target.dbInstanceId(), () -> clients.get(RDS, to)
                    .promoteReadReplica(r -> r.dbInstanceIdentifier(target.dbInstanceId())));
        } catch (AwsServiceException e) {
            throw new PromotionFailedException("PromoteReadReplica " + target.dbInstanceId() + " in " + to + " refused: "
                    + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        }
        return new Started("promoted", target.dbInstanceId(), startedAt);
    }

    private void requireCaughtUp(String region) {
        Optional<Double> lag = new ReplicaLag(clients, config).seconds(region);
        if (lag.isEmpty() || lag.get() > 0) {
            throw new ReplicaCatchingUpException("planned switch waits for zero replica lag in " + region + ", lag is "
                    + lag.map(l -> l + " s").orElse("unknown"));
        }
    }

    private Started moveGlobalWriter(StepInput input, String startedAt) {
        String to = input.to();
        RegionTargets target = config.region(to);
        if (new WriterLineage(clients, config).require(input, globalCluster(to)) == WriterLineage.Standing.PROMOTED_FROM_WRITER) {
            return new Started("already-promoted", target.dbClusterArn(), startedAt);
        }
        boolean planned = input.workflowMode().planned();
        try {
            if (planned) {
                AwsCalls.run("SwitchoverGlobalCluster", () -> clients.get(RDS, to).switchoverGlobalCluster(r -> r
                        .globalClusterIdentifier(config.globalClusterId()).targetDbClusterIdentifier(target.dbClusterArn())));
            } else {
                // Data loss was bounded by the preflight's RPO check or approved by a person.
                AwsCalls.run("FailoverGlobalCluster", () -> clients.get(RDS, to).failoverGlobalCluster(r -> r
                        .globalClusterIdentifier(config.globalClusterId()).targetDbClusterIdentifier(target.dbClusterArn())
                        .allowDataLoss(true)));
            }
        } catch (AwsServiceException e) {
            throw new PromotionFailedException((planned ? "SwitchoverGlobalCluster" : "FailoverGlobalCluster") + " to "
                    + target.dbClusterArn() + " refused: " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage());
        }
        return new Started(planned ? "switchover" : "failover", target.dbClusterArn(), startedAt);
    }

    private DBInstance instance(String region, String id) {
        return AwsCalls.call("DescribeDBInstances " + id, () -> clients.get(RDS, region)
                .describeDBInstances(r -> r.dbInstanceIdentifier(id))).dbInstances().getFirst();
    }

    private GlobalCluster globalCluster(String region) {
        return AwsCalls.call("DescribeGlobalClusters", () -> clients.get(RDS, region)
                        .describeGlobalClusters(r -> r.globalClusterIdentifier(config.globalClusterId())))
                .globalClusters().stream()
                .filter(g -> config.globalClusterId().equals(g.globalClusterIdentifier())).findFirst()
                .orElseThrow(() -> new PromotionFailedException("global cluster " + config.globalClusterId() + " not found"));
    }

    static Optional<String> writer(GlobalCluster global) {
        return global.globalClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isWriter()))
                .map(GlobalClusterMember::dbClusterArn).findFirst();
    }
}
