package dev.crossfade.functions.workflow.database;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.ReplicaCatchingUpException;
import dev.crossfade.functions.workflow.ReplicaLagExceededException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.StepLogic;
import dev.crossfade.functions.workflow.TargetUnhealthyException;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.functions.workflow.state.ReplicaLag;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/**
 * Read-only checks before anything changes: target healthy, its database a replica of the current
 * writer and able to take over, the lag within budget.
 */
public final class Preflight extends StepLogic {

    /**
     * @param lagSeconds      the replica lag read, or null when no datapoint exists
     * @param approvalNeeded  the lag is over budget in an unplanned failover and approval is configured
     */
    public record Result(Double lagSeconds, int rpoBudgetSeconds, boolean approvalNeeded, String startedAt, String endedAt) {}

    /**
     * How far the lease is extended before AwaitApproval: the longest approval window a topology may
     * set (failover.approvalTimeoutMinutes, which reaches the ASL as ApprovalWindow), so the lock
     * outlives any wait for a person (RunLeaseTest).
     */
    public static final java.time.Duration APPROVAL_WAIT =
            java.time.Duration.ofMinutes(dev.crossfade.topology.Topology.Failover.MAX_APPROVAL_TIMEOUT_MINUTES);

    public Preflight(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    public Result check(StepInput input) {
        String startedAt = Timestamps.startOf(input);
        String to = input.to();
        RegionTargets target = config.region(to);
        config.region(input.from());
        requireHealthAlarmOk(to, target);
        requireDatabaseReady(input, to, target);
        Optional<Double> lag = new ReplicaLag(clients, config).seconds(to);
        boolean withinBudget = lag.isPresent() && lag.get() <= config.rpoBudgetSeconds();
        boolean approvalNeeded = false;
        if (!withinBudget) {
            String measured = lag.map(l -> "is " + l + " s").orElse("is unknown (no datapoint in 10 min)");
            WorkflowMode mode = input.workflowMode();
            if (mode == WorkflowMode.FAILBACK && lag.isEmpty()) {
                // a replica failback just rebuilt has no ReplicaLag datapoint yet (RDS publishes one a minute): wait for it
                throw new ReplicaCatchingUpException("replica lag in " + to + " " + measured + ": the rebuilt replica has"
                        + " published no lag yet; a failback waits for it (retried)");
            }
            if (mode == WorkflowMode.FAILOVER && config.approvalForDataLoss()) {
                approvalNeeded = true;
                // the run now waits for a person: its lock must outlive that wait (RunLock)
                new RunLock(clients, config, to).renew(input, APPROVAL_WAIT);
            } else if (mode != WorkflowMode.DRY_RUN) {
                throw new ReplicaLagExceededException("replica lag in " + to + " " + measured
                        + ", over the RPO budget of " + config.rpoBudgetSeconds() + " s"
                        + (mode.planned() ? "; a planned " + mode.key() + " waits for a caught-up replica" : "; approvalForDataLoss is off"));
            }
        }
        return new Result(lag.orElse(null), config.rpoBudgetSeconds(), approvalNeeded, startedAt, Timestamps.now());
    }

    private void requireHealthAlarmOk(String region, RegionTargets target) {
        MetricAlarm alarm = AwsCalls.call("DescribeAlarms " + target.healthAlarm(), () -> clients.get(CLOUDWATCH, region)
                        .describeAlarms(r -> r.alarmNames(target.healthAlarm())))
                .metricAlarms().stream().findFirst()
                .orElseThrow(() -> new TargetUnhealthyException("health alarm " + target.healthAlarm() + " not found in " + region));
        if (alarm.stateValue() != StateValue.OK) {
            throw new TargetUnhealthyException("target " + region + " is unhealthy: alarm " + target.healthAlarm()
                    + " is " + alarm.stateValueAsString() + " (" + alarm.stateReason() + ")");
        }
    }

    /** Available, and following the current writer ({@link WriterLineage}): who may be promoted. */
    private void requireDatabaseReady(StepInput input, String region, RegionTargets target) {
        if (config.engine() == Engine.RDS_POSTGRES) {
            DBInstance db = describeInstance(region, target.dbInstanceId());
            if (!"available".equals(db.dbInstanceStatus())) {
                throw new TargetUnhealthyException("target database " + target.dbInstanceId() + " in " + region
                        + " is " + db.dbInstanceStatus() + ", not available");
            }
            new WriterLineage(clients, config).require(input, db);
            return;
        }
        Optional<GlobalCluster> global = AwsCalls.call("DescribeGlobalClusters", () -> clients.get(RDS, region)
                        .describeGlobalClusters(r -> r.globalClusterIdentifier(config.globalClusterId())))
                .globalClusters().stream().filter(g -> config.globalClusterId().equals(g.globalClusterIdentifier())).findFirst();
        boolean member = global.stream().flatMap(g -> g.globalClusterMembers().stream())
                .map(GlobalClusterMember::dbClusterArn).anyMatch(target.dbClusterArn()::equals);
        if (!member) {
            throw new TargetUnhealthyException("target cluster " + target.dbClusterArn() + " is not a member of global cluster "
                    + config.globalClusterId());
        }
        new WriterLineage(clients, config).require(input, global.get());
    }

    DBInstance describeInstance(String region, String id) {
        try {
            return AwsCalls.call("DescribeDBInstances " + id, () -> clients.get(RDS, region)
                    .describeDBInstances(r -> r.dbInstanceIdentifier(id))).dbInstances().getFirst();
        } catch (DbInstanceNotFoundException e) {
            throw new TargetUnhealthyException("target database " + id + " not found in " + region);
        }
    }
}
