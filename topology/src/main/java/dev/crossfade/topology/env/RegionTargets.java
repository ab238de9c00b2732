package dev.crossfade.topology.env;

/**
 * The names of one region's resources that the workflow acts on, as deployed by the regional
 * stack: one value of {@link WorkflowEnv#regions()} ({@code CROSSFADE_REGIONS}), written by infra
 * and read by the workflow functions.
 *
 * @param dbInstanceId      rds-postgres: the primary or read-replica instance in this region
 * @param dbClusterId       aurora-postgres-global: this region's cluster identifier
 * @param dbClusterArn      aurora-postgres-global: this region's cluster ARN (global cluster member)
 * @param dbParameterGroup  rds-postgres: the instance's parameter group, set read-only to fence it
 * @param healthAlarm       the alarm that sums up this region's health (OK = healthy)
 * @param endpointGroupArn  Global Accelerator endpoint group of this region, if any
 * @param dbKmsKeyId        rds-postgres: this region's KMS key for a replica created here (failback), if encrypted
 */
public record RegionTargets(
        int priority,
        int desiredCount,
        String dbInstanceId,
        String dbClusterId,
        String dbClusterArn,
        String dbParameterGroup,
        String ecsCluster,
        String ecsService,
        String healthAlarm,
        String endpointGroupArn,
        String dbKmsKeyId) {}
