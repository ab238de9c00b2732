package dev.crossfade.functions.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where RebuildReplication creates a replica: the subnet group and VPC security groups of the
 * regional stack the function belongs to ({@code CROSSFADE_DB_SUBNET_GROUP},
 * {@code CROSSFADE_DB_SECURITY_GROUP_IDS}), in that stack's region ({@code AWS_REGION}). Without
 * them RDS would put the replica in the default VPC, or refuse it.
 */
public record ReplicaPlacement(String region, String subnetGroup, List<String> securityGroupIds) {

    public ReplicaPlacement {
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    /** The placement the stack set, or empty when it set none (a harness without a stack). */
    public static Optional<ReplicaPlacement> fromEnv(Map<String, String> env) {
        String subnetGroup = env.get("CROSSFADE_DB_SUBNET_GROUP");
        if (subnetGroup == null || subnetGroup.isBlank()) {
            return Optional.empty();
        }
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("environment variable AWS_REGION is not set (Lambda sets it)");
        }
        List<String> groups = Arrays.stream(env.getOrDefault("CROSSFADE_DB_SECURITY_GROUP_IDS", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (groups.isEmpty()) {
            throw new IllegalStateException("environment variable CROSSFADE_DB_SECURITY_GROUP_IDS is not set");
        }
        return Optional.of(new ReplicaPlacement(region, subnetGroup, groups));
    }
}
