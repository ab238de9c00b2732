package dev.crossfade.infra.workflow;

/**
 * One enabled region's resources the workflow acts on. Serialized into the functions'
 * {@code CROSSFADE_REGIONS} variable with these field names (the topology's env.RegionTargets, which the functions read).
 *
 * @param dbInstanceId     rds-postgres; null for aurora-postgres-global
 * @param dbClusterId      aurora-postgres-global; null for rds-postgres
 * @param dbClusterArn     aurora-postgres-global; null for rds-postgres
 * @param dbParameterGroup rds-postgres: a custom group (the default one cannot be modified)
 * @param endpointGroupArn Global Accelerator endpoint group of this region, or null
 * @param dbKmsKeyId       rds-postgres: the KMS key (ARN) of this region that encrypts a replica created here, or null
 */
public record WorkflowTarget(
        String region,
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
