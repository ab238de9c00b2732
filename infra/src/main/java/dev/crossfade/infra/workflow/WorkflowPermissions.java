package dev.crossfade.infra.workflow;

import static dev.crossfade.infra.workflow.WorkflowFunction.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The least privilege of each workflow step: the exact alarms, instances, parameter groups,
 * services, global cluster, accelerator, table and bus it touches. CloudWatch's GetMetricData and
 * PutMetricData have no resource-level permissions; PutMetricData is held to one namespace by the
 * {@code cloudwatch:namespace} condition.
 */
final class WorkflowPermissions {

    static final String ROUTING_NAMESPACE = "Crossfade/Routing";
    static final String RUN_NAMESPACE = "Crossfade/Failover";

    private final String account;
    private final FailoverWorkflow.Props props;
    private final String tableArn;
    private final String eventBusArn;

    WorkflowPermissions(String account, FailoverWorkflow.Props props, String tableArn, String eventBusArn) {
        this.account = account;
        this.props = props;
        this.tableArn = tableArn;
        this.eventBusArn = eventBusArn;
    }

    List<PolicyStatement> of(WorkflowFunction function) {
        List<PolicyStatement> s = new ArrayList<>();
        switch (function) {
            case ACQUIRE_LOCK, RELEASE_LOCK ->
                    // the lock is held in a majority of the regions' tables (RunLock)
                    s.add(allow(List.of("dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:DeleteItem"), stateTables()));
            case REBUILD_REPLICAS -> {
                s.add(renewLock());
                s.add(allow(List.of("rds:DescribeDBInstances", "rds:DescribeGlobalClusters"), databases()));
                if (rds()) {
                    // a stale replica is renamed aside (its ARN changes to <id>-stale-<epoch>), then rebuilt from the new writer
                    s.add(allow(List.of("rds:ModifyDBInstance"), instances()));
                    // each rebuilt replica goes into its own region's subnet group (ReplicaRebuild)
                    s.add(allow(List.of("rds:CreateDBInstanceReadReplica"), concat(concat(instances(), parameterGroups()),
                            regionSubnetGroups())));
                    s.addAll(replicaKeys());
                }
            }
            case REBUILD_REPLICATION, CHECK_REPLICATION -> {
                if (function == CHECK_REPLICATION) {
                    s.add(renewLock());
                }
                s.add(allow(List.of("rds:DescribeDBInstances", "rds:DescribeGlobalClusters"), databases()));
                if (function == REBUILD_REPLICATION && rds()) {
                    s.add(allow(List.of("rds:CreateDBInstanceReadReplica"), concat(concat(instances(), parameterGroups()),
                            subnetGroups())));
                    s.addAll(replicaKeys());
                }
            }
            case CHECK_PREFLIGHT, PLAN_RUN, VERIFY_TARGET -> {
                if (function != PLAN_RUN) {
                    s.add(renewLock());
                }
                s.add(allow(List.of("cloudwatch:DescribeAlarms"), alarms()));
                s.add(allow(List.of("cloudwatch:GetMetricData"), List.of("*")));
                s.add(allow(List.of("rds:DescribeDBInstances", "rds:DescribeGlobalClusters"), databases()));
                if (rds()) {
                    // WriterLineage: a standalone target counts only with this incident's promotion tags
                    s.add(allow(List.of("rds:ListTagsForResource"), instances()));
                }
            }
            case REQUEST_APPROVAL -> s.add(allow(List.of("events:PutEvents"), List.of(eventBusArn)));
            case SCALE_TARGET -> s.add(allow(List.of("ecs:UpdateService"), services()));
            case FENCE_OLD_PRIMARY, UNFENCE_OLD_PRIMARY, SHIFT_TRAFFIC -> {
                s.add(putMetricData(ROUTING_NAMESPACE));
                if (function != SHIFT_TRAFFIC && rds()) {
                    s.add(allow(List.of("rds:ModifyDBParameterGroup"), parameterGroups()));
                }
                if (function == UNFENCE_OLD_PRIMARY) {
                    // the target is read first: a target that became the writer keeps the old primary fenced
                    s.add(allow(List.of("rds:DescribeDBInstances", "rds:DescribeGlobalClusters"), databases()));
                    if (rds()) {
                        s.add(allow(List.of("rds:ListTagsForResource"), instances()));
                    }
                }
            }
            case PROMOTE_DATABASE, CHECK_PROMOTION -> {
                s.add(renewLock());
                s.add(allow(List.of("rds:DescribeDBInstances", "rds:DescribeGlobalClusters"), databases()));
                if (function == PROMOTE_DATABASE) {
                    s.add(allow(List.of("cloudwatch:GetMetricData"), List.of("*")));
                    if (rds()) {
                        s.add(allow(List.of("rds:PromoteReadReplica"), instances()));
                        // WriterLineage: the promotion tags that let a rerun recognise this incident's promotion
                        s.add(allow(List.of("rds:AddTagsToResource", "rds:ListTagsForResource"), instances()));
                        s.add(allow(List.of("rds:ModifyDBParameterGroup"), parameterGroups()));
                    } else {
                        s.add(allow(List.of("rds:SwitchoverGlobalCluster", "rds:FailoverGlobalCluster"), databases()));
                    }
                }
            }
            case PIN_TRAFFIC -> props.acceleratorArn().ifPresent(arn -> s.add(allow(
                    List.of("globalaccelerator:ListListeners", "globalaccelerator:ListEndpointGroups", "globalaccelerator:UpdateEndpointGroup"),
                    List.of(arn, arn + "/*"))));
            case RECORD_RUN -> {
                s.add(allow(List.of("events:PutEvents"), List.of(eventBusArn)));
                // its metrics are embedded-metric-format lines in its log (RunRecorder): no PutMetricData
                s.add(allow(List.of("dynamodb:PutItem"), List.of(tableArn)));
                // the routing controls' desired state and the writer record, written into every region's table
                // (RoutingIntent, WriterRecord); the previous writer record is read first (its notFollowing)
                s.add(allow(List.of("dynamodb:PutItem", "dynamodb:GetItem"), stateTables()));
            }
            default -> throw new IllegalStateException("no permissions defined for " + function);
        }
        return s;
    }

    /**
     * The writer guard of {@code region} (rds-postgres): reads the run lock and the writer record in
     * every region's table, reads its own instance (and its promotion tags) and parameter group,
     * and fences only its own parameter group. It reads its own routing control (GetMetricData) and
     * clears its region's routing veto in the veto holder region (PutMetricData, Crossfade/Routing only).
     */
    List<PolicyStatement> guard(String region) {
        List<PolicyStatement> s = new ArrayList<>();
        s.add(allow(List.of("dynamodb:GetItem"), stateTables()));
        List<WorkflowTarget> own = props.targets().stream().filter(t -> t.region().equals(region)).toList();
        if (own.isEmpty()) {
            throw new IllegalArgumentException("the writer guard's region " + region + " is none of the targets "
                    + props.targets().stream().map(WorkflowTarget::region).toList());
        }
        s.add(allow(List.of("rds:DescribeDBInstances", "rds:ListTagsForResource"),
                own.stream().map(t -> arn("rds", t.region(), "db:" + t.resources().dbInstanceId())).toList()));
        s.add(allow(List.of("rds:DescribeDBParameters", "rds:ModifyDBParameterGroup"),
                own.stream().map(t -> arn("rds", t.region(), "pg:" + t.resources().dbParameterGroup())).toList()));
        s.add(putMetricData(ROUTING_NAMESPACE));
        s.add(allow(List.of("cloudwatch:GetMetricData"), List.of("*")));
        return s;
    }

    /**
     * RDS creates the encrypted replica with the caller's grant on the replica region's key. Keys given
     * by ARN are named; keys given by alias ARN (another region's key, known only by its alias) are
     * {@code key/*} of that region and account, narrowed by {@code kms:ResourceAliases}: IAM does not
     * match an alias ARN against a key operation.
     */
    private List<PolicyStatement> replicaKeys() {
        List<String> keys = props.targets().stream().map(t -> t.resources().dbKmsKeyId()).filter(Objects::nonNull).toList();
        List<PolicyStatement> statements = new ArrayList<>();
        List<String> byArn = keys.stream().filter(k -> !k.contains(":alias/")).toList();
        if (!byArn.isEmpty()) {
            statements.add(allow(List.of("kms:CreateGrant", "kms:DescribeKey"), byArn));
        }
        keys.stream().filter(k -> k.contains(":alias/")).forEach(alias -> {
            String[] arn = alias.split(":", 6);
            statements.add(PolicyStatement.Builder.create().actions(List.of("kms:CreateGrant", "kms:DescribeKey"))
                    .resources(List.of(keysOf(arn[3], arn[4])))
                    .conditions(Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", arn[5]))).build());
        });
        return statements;
    }

    /** Every key of a region and account: what an alias-scoped KMS statement is written against. */
    static String keysOf(String region, String account) {
        return "arn:aws:kms:" + region + ":" + account + ":key/*";
    }

    private boolean rds() {
        return "rds-postgres".equals(props.engine());
    }

    private List<String> alarms() {
        return props.targets().stream().map(t -> arn("cloudwatch", t.region(), "alarm:" + t.resources().healthAlarm())).toList();
    }

    private List<String> instances() {
        // each region's instance under its own identifier (names are per region: DataNames); a
        // cross product of ids and regions named instances that cannot exist and made the policy of
        // an 8-region deployment overflow into a second policy
        return props.targets().stream().filter(t -> t.resources().dbInstanceId() != null)
                .map(t -> arn("rds", t.region(), "db:" + t.resources().dbInstanceId())).distinct().toList();
    }

    /** The stack's own subnet group, the one a rebuilt replica in this region is created in. */
    private List<String> subnetGroups() {
        return props.replicaPlacement().map(p -> List.of("arn:aws:rds:" + software.amazon.awscdk.Aws.REGION + ":" + account
                + ":subgrp:" + p.subnetGroupName())).orElse(List.of());
    }

    /** Every enabled region's DB subnet group (a fixed name per region, DataNames), where a rebuilt replica goes. */
    private List<String> regionSubnetGroups() {
        return props.targets().stream().filter(t -> t.resources().dbInstanceId() != null)
                .map(t -> arn("rds", t.region(), "subgrp:" + dev.crossfade.infra.data.DataNames.dbSubnetGroupName(props.application(),
                        t.region()))).toList();
    }

    private List<String> parameterGroups() {
        return props.targets().stream().filter(t -> t.resources().dbParameterGroup() != null)
                .map(t -> arn("rds", t.region(), "pg:" + t.resources().dbParameterGroup())).toList();
    }

    private List<String> databases() {
        List<String> arns = new ArrayList<>(instances());
        props.targets().stream().map(t -> t.resources().dbClusterArn()).filter(Objects::nonNull).forEach(arns::add);
        if (!rds()) {
            arns.add("arn:aws:rds::" + account + ":global-cluster:" + props.globalClusterId());
        }
        return arns;
    }

    /** The polling steps renew the run lock's lease wherever it is held (RunLock). */
    private PolicyStatement renewLock() {
        return allow(List.of("dynamodb:UpdateItem"), stateTables());
    }

    /** The same-named state table of every enabled region: the run lock is held in a majority of them (RunLock). */
    private List<String> stateTables() {
        return props.targets().stream().map(t -> arn("dynamodb", t.region(), "table/" + FailoverWorkflow.stateTableName(props.application()))).toList();
    }

    private List<String> services() {
        return props.targets().stream()
                .map(t -> arn("ecs", t.region(), "service/" + t.resources().ecsCluster() + "/" + t.resources().ecsService())).toList();
    }

    private String arn(String service, String region, String resource) {
        return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    private static PolicyStatement putMetricData(String namespace) {
        return PolicyStatement.Builder.create().actions(List.of("cloudwatch:PutMetricData")).resources(List.of("*"))
                .conditions(Map.of("StringEquals", Map.of("cloudwatch:namespace", namespace))).build();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
