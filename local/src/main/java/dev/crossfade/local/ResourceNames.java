package dev.crossfade.local;

/**
 * The names the emulated application's resources carry, derived from {@code <project>-<environment>}
 * as the stacks derive them. ARNs use moto's one account.
 */
public record ResourceNames(String application) {

    /** moto's account: every ARN the emulator hands out carries it. */
    public static final String ACCOUNT = "123456789012";

    public String globalCluster() {
        return application + "-global";
    }

    public String dbInstance(String region) {
        return application + "-" + region + "-db";
    }

    public String dbCluster(String region) {
        return application + "-" + region + "-cluster";
    }

    public String clusterArn(String region) {
        return "arn:aws:rds:" + region + ":" + ACCOUNT + ":cluster:" + dbCluster(region);
    }

    public String parameterGroup(String region) {
        return application + "-" + region + "-pg";
    }

    /** The alarm that sums up a region's own health (the workflow's preflight and verification read it). */
    public String healthAlarm(String region) {
        return application + "-" + region + "-health";
    }

    /** The routing control's alarm in {@code region}, which the region's CLOUDWATCH_METRIC health check follows. */
    public String routingAlarm(String region) {
        return application + "-routing-" + region;
    }

    /** The Route 53 health check's alarm, a detection signal ({@code health-check}); lives in us-east-1. */
    public String healthCheckAlarm(String region) {
        return application + "-" + region + "-health-check";
    }

    public String ecsCluster(String region) {
        return application + "-" + region;
    }

    public String ecsService(String region) {
        return application + "-" + region + "-service";
    }

    /** The workflow's lock and run records. */
    public String stateTable() {
        return application + "-failover-state";
    }

    /** The detector's state, audit and failover lock (docs/detection.md "State model"). */
    public String detectorTable() {
        return application + "-detector";
    }

    public String stateMachine() {
        return application + "-failover";
    }

    /** The region's key for a replica created there (not created in KMS: the emulated RDS only records it). */
    public String kmsKey(String region) {
        return "arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + application + "-" + region;
    }

    public String replicatedTable(String table) {
        return application + "-" + table;
    }

    /** As infra's DataNames: {@code <app>-<bucket>-<region>-<account>}. */
    public String bucket(String bucket, String region) {
        return (application + "-" + bucket + "-" + region + "-" + ACCOUNT).toLowerCase(java.util.Locale.ROOT);
    }
}
