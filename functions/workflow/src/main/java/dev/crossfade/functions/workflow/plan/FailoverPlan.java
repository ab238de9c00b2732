package dev.crossfade.functions.workflow.plan;

import static dev.crossfade.functions.workflow.plan.Plane.CONTROL;
import static dev.crossfade.functions.workflow.plan.Plane.DATA;

import dev.crossfade.topology.Topology.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The ordered AWS calls of one workflow run: the single step model behind {@code crossfade plan},
 * the dry-run output of the state machine, and the table in docs/workflow.md.
 *
 * <p>Every call on the critical path runs in the target region; calls into the old region and
 * into a global control plane (Route 53 in us-east-1, Global Accelerator in us-west-2) are
 * best effort and come after the data-plane traffic shift, or are fencing that may be skipped.
 */
public record FailoverPlan(String application, WorkflowMode mode, Engine engine, String from, String to,
                           List<PlanStep> steps) {

    /** Global Accelerator's control plane answers only in us-west-2. */
    public static final String GA_CONTROL_REGION = "us-west-2";

    /**
     * The most fencing may add to the critical path, from FenceOldPrimary in the ASL: two attempts of
     * at most 30 s (TimeoutSeconds) and one 2 s backoff; then the run stops (RunLeaseTest checks it).
     */
    public static final int FENCING_BOUND_SECONDS = 62;

    public FailoverPlan {
        steps = List.copyOf(steps);
    }

    public static FailoverPlan of(PlanContext context, String from, String to, WorkflowMode mode) {
        requireRegion(context, "from", from);
        requireRegion(context, "to", to);
        if (from.equals(to)) {
            throw new PlanInputException("from and to are the same region (" + to + "); a failover needs two regions");
        }
        return new FailoverPlan(context.application(), mode, context.engine(), from, to,
                new Builder(context, from, to, mode).build());
    }

    private static void requireRegion(PlanContext context, String role, String region) {
        if (region == null || region.isBlank()) {
            throw new PlanInputException(role + " region is missing");
        }
        if (!context.allRegions().contains(region)) {
            throw new PlanInputException(role + " region '" + region + "' is not in the topology (regions: "
                    + String.join(", ", context.allRegions()) + ")");
        }
        if (!context.enabledRegions().contains(region)) {
            throw new PlanInputException(role + " region '" + region + "' is disabled in the topology");
        }
    }

    /** Steps that change something; a dry run makes none of them. */
    public List<PlanStep> mutatingSteps() {
        return steps.stream().filter(PlanStep::mutating).toList();
    }

    private static final class Builder {
        private final PlanContext context;
        private final String from;
        private final String to;
        private final WorkflowMode mode;
        private final List<PlanStep> steps = new ArrayList<>();

        Builder(PlanContext context, String from, String to, WorkflowMode mode) {
            this.context = context;
            this.from = from;
            this.to = to;
            this.mode = mode;
        }

        List<PlanStep> build() {
            boolean rds = context.engine() == Engine.RDS_POSTGRES;
            add("lock", "take the one-run-per-application lock (conditional write)", "dynamodb", "PutItem", DATA, true, to, false);
            add("lock", "only when the lock is held: read its holder, then stop", "dynamodb", "GetItem", DATA, false, to, false);
            String majority = context.enabledRegions().size() <= 2 ? "two regions: best effort (WriterLineage rules out a second promotion)"
                    : "a majority of the regions must hold it, else release and stop";
            for (String peer : context.enabledRegions()) {
                if (!peer.equals(to)) {
                    add("lock", "take the run lock in this region's table too (" + majority + "; held by another run: release ours, then stop)",
                            "dynamodb", "PutItem", DATA, true, peer, true);
                }
            }
            if (mode == WorkflowMode.FAILBACK) {
                rebuildReplication(rds);
            }
            add("preflight", "target region's health alarm is OK", "cloudwatch", "DescribeAlarms", CONTROL, false, to, false);
            if (rds) {
                add("preflight", "target database is available and a read replica of the current writer (from)", "rds", "DescribeDBInstances", CONTROL, false, to, false);
                add("preflight", "only when the target is standalone: its tags say it was promoted from this writer for this incident (a rerun)",
                        "rds", "ListTagsForResource", CONTROL, false, to, false);
            } else {
                add("preflight", "target cluster is a member of the global cluster, whose writer is the current writer (from)", "rds", "DescribeGlobalClusters", CONTROL, false, to, false);
            }
            add("preflight", "read the replica lag against the RPO budget", "cloudwatch", "GetMetricData", DATA, false, to, false);
            if (!mode.planned()) {
                add("approval", "only when the lag is over budget and approvalForDataLoss: extend the run lock's lease over the wait",
                        "dynamodb", "UpdateItem", DATA, true, to, false);
                add("approval", "only when the lag is over budget and approvalForDataLoss: ask a person, wait for the task token",
                        "events", "PutEvents", DATA, true, to, false);
            }
            add("capacity", "scale the target service to the old primary's desired count", "ecs", "UpdateService", CONTROL, true, to, false);
            add("fencing", "routing control of the old primary to 0 (its health check turns unhealthy); fencing adds at most "
                    + FENCING_BOUND_SECONDS + " s", "cloudwatch", "PutMetricData", DATA, true, from, true);
            if (rds) {
                add("fencing", "old primary refuses writes (default_transaction_read_only on)", "rds", "ModifyDBParameterGroup", CONTROL, true, from, true);
            } else {
                add("fencing", "only when the routing control cannot be written: its RDS endpoint must be unreachable too", "rds", "DescribeDBClusters", CONTROL, false, from, true);
            }
            vetoHolder(from).ifPresent(holder -> add("fencing", "only when the old primary is unreachable both ways: its routing veto to 1"
                    + " in its veto holder, so it stays out of DNS when it comes back", "cloudwatch", "PutMetricData", DATA, true, holder, true));
            promotion(rds);
            add("traffic-shift", "routing control of the target to 1 (its health check turns healthy)", "cloudwatch", "PutMetricData", DATA, true, to, false);
            vetoHolder(to).ifPresent(holder -> add("traffic-shift", "lift the target's routing veto (0) in its veto holder (unreachable: listed)",
                    "cloudwatch", "PutMetricData", DATA, true, holder, true));
            if (!context.activeActive()) {
                for (String other : context.enabledRegions()) {
                    if (!other.equals(to)) {
                        add("traffic-shift", "routing control of this region to 0, so DNS answers only the writer whatever its priority",
                                "cloudwatch", "PutMetricData", DATA, true, other, true);
                    }
                }
            }
            if (context.globalAccelerator()) {
                add("pinning", "read the accelerator's listeners", "globalaccelerator", "ListListeners", CONTROL, false, GA_CONTROL_REGION, true);
                add("pinning", "read the endpoint groups and their dials", "globalaccelerator", "ListEndpointGroups", CONTROL, false, GA_CONTROL_REGION, true);
                add("pinning", "dial up the target, then dial down the old primary (last-healthy-region guard)", "globalaccelerator", "UpdateEndpointGroup", CONTROL, true, GA_CONTROL_REGION, true);
            }
            add("verification", "lock: renew the run lock's lease (each poll)", "dynamodb", "UpdateItem", DATA, true, to, false);
            add("verification", "target health alarm OK", "cloudwatch", "DescribeAlarms", CONTROL, false, to, false);
            add("verification", "routing control of the target reads 1", "cloudwatch", "GetMetricData", DATA, false, to, false);
            if (!context.activeActive()) {
                for (String other : context.enabledRegions()) {
                    if (!other.equals(to)) {
                        add("verification", "routing control of this region reads 0 (unreachable: listed)", "cloudwatch", "GetMetricData", DATA, false, other, true);
                    }
                }
            }
            replicas(rds);
            add("record", "notify: failover finished event", "events", "PutEvents", DATA, true, to, true);
            // the run's metrics (phase durations, outcome, writer) are EMF lines in RecordRun's log: no AWS call
            add("record", "run record with every phase's timestamps", "dynamodb", "PutItem", DATA, true, to, true);
            for (String region : context.enabledRegions()) {
                add("record", "routing controls' desired state into this region's state table (RoutingIntent; unreachable: listed)",
                        "dynamodb", "PutItem", DATA, true, region, true);
            }
            for (String region : context.enabledRegions()) {
                add("record", "once the target is the writer: the writer record into this region's state table (WriterRecord, read by"
                        + " each region's writer guard; unreachable: listed)", "dynamodb", "PutItem", DATA, true, region, true);
            }
            add("lock", "release the lock here and in every other region (any left expires with its lease)", "dynamodb", "DeleteItem", DATA, true, to, true);
            return steps;
        }

        /** The region holding {@code region}'s routing veto: the next enabled region by priority (VetoHolder). */
        private java.util.Optional<String> vetoHolder(String region) {
            java.util.Map<String, Integer> priorities = new java.util.LinkedHashMap<>();
            context.enabledRegions().forEach(r -> priorities.put(r, priorities.size() + 1));
            return priorities.containsKey(region) ? dev.crossfade.topology.VetoHolder.of(priorities, region) : java.util.Optional.empty();
        }

        private void rebuildReplication(boolean rds) {
            if (rds) {
                add("replication", "read the current primary (healthy in a failback)", "rds", "DescribeDBInstances", CONTROL, false, from, false);
                add("replication", "read any instance already in the target (a stale one stops the run)", "rds", "DescribeDBInstances", CONTROL, false, to, false);
                add("replication", "new cross-region read replica of the current primary in the target region", "rds", "CreateDBInstanceReadReplica", CONTROL, true, to, false);
                add("replication", "lock: renew the run lock's lease (each poll)", "dynamodb", "UpdateItem", DATA, true, to, false);
                add("replication", "wait until the new replica is available", "rds", "DescribeDBInstances", CONTROL, false, to, false);
            } else {
                add("replication", "old cluster has rejoined the global cluster as a secondary", "rds", "DescribeGlobalClusters", CONTROL, false, to, false);
                add("replication", "lock: renew the run lock's lease (each poll)", "dynamodb", "UpdateItem", DATA, true, to, false);
            }
        }

        /** After the critical path: the other regions follow the new writer (ReplicaRebuild); the old primary's is failback's. */
        private void replicas(boolean rds) {
            add("replicas", "lock: renew the run lock's lease (each attempt)", "dynamodb", "UpdateItem", DATA, true, to, true);
            if (!rds) {
                add("replicas", "read back the global cluster: every configured cluster a member following the new writer",
                        "rds", "DescribeGlobalClusters", CONTROL, false, to, true);
                return;
            }
            add("replicas", "read the new writer", "rds", "DescribeDBInstances", CONTROL, false, to, true);
            for (String other : context.enabledRegions()) {
                if (!other.equals(to) && !other.equals(from)) {
                    add("replicas", "read this region's replica: does it follow the new writer?", "rds", "DescribeDBInstances", CONTROL, false, other, true);
                    add("replicas", "a replica of another source: rename it aside (kept, never deleted)", "rds", "ModifyDBInstance", CONTROL, true, other, true);
                    add("replicas", "new cross-region read replica of the new writer under the configured identifier",
                            "rds", "CreateDBInstanceReadReplica", CONTROL, true, other, true);
                }
            }
        }

        private void promotion(boolean rds) {
            if (rds) {
                add("promotion", "lock: renew the run lock's lease", "dynamodb", "UpdateItem", DATA, true, to, false);
                add("promotion", "read the target instance (promoted from this writer for this incident: skip to polling)", "rds", "DescribeDBInstances", CONTROL, false, to, false);
                if (mode.planned()) {
                    add("promotion", "replica has caught up (lag 0) after writes stopped", "cloudwatch", "GetMetricData", DATA, false, to, false);
                }
                add("promotion", "target accepts writes (default_transaction_read_only off)", "rds", "ModifyDBParameterGroup", CONTROL, true, to, false);
                add("promotion", "tag the target with its source and the incident (a promoted instance no longer names its source)",
                        "rds", "AddTagsToResource", CONTROL, true, to, false);
                add("promotion", "promote the read replica", "rds", "PromoteReadReplica", CONTROL, true, to, false);
                add("promotion", "poll until the promoted instance is available and standalone", "rds", "DescribeDBInstances", CONTROL, false, to, false);
            } else {
                add("promotion", "lock: renew the run lock's lease", "dynamodb", "UpdateItem", DATA, true, to, false);
                add("promotion", "read the global cluster's writer (already the target: skip to polling; another than from: stop)", "rds", "DescribeGlobalClusters", CONTROL, false, to, false);
                String api = mode.planned() ? "SwitchoverGlobalCluster" : "FailoverGlobalCluster";
                String action = mode.planned() ? "planned switchover of the global cluster (RPO 0)"
                        : "failover of the global cluster, data loss within the RPO budget or approved";
                add("promotion", action, "rds", api, CONTROL, true, to, false);
                add("promotion", "poll until the target cluster is the writer", "rds", "DescribeGlobalClusters", CONTROL, false, to, false);
            }
        }

        private void add(String phase, String action, String service, String api, Plane plane, boolean mutating,
                         String region, boolean bestEffort) {
            steps.add(new PlanStep(steps.size() + 1, phase, action, service, api, plane, mutating, region, bestEffort));
        }
    }
}
