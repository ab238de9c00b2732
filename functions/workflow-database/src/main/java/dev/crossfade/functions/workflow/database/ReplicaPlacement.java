package dev.crossfade.functions.workflow.database;

import dev.crossfade.topology.env.ReplicaPlacementEnv;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where RebuildReplication creates a replica: the subnet group and VPC security groups of the
 * regional stack the function belongs to ({@code CROSSFADE_DB_SUBNET_GROUP},
 * {@code CROSSFADE_DB_SECURITY_GROUP_IDS}), in that stack's region ({@code AWS_REGION}). Without
 * them RDS would put the replica in the default VPC, or refuse it. The stack writes them as a
 * {@link ReplicaPlacementEnv}.
 */
public record ReplicaPlacement(String region, String subnetGroup, List<String> securityGroupIds) {

    public ReplicaPlacement {
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    /** The placement the stack set, or empty when it set none (a harness without a stack). */
    public static Optional<ReplicaPlacement> fromEnv(Map<String, String> env) {
        Optional<ReplicaPlacementEnv> placement = ReplicaPlacementEnv.fromEnv(env);
        if (placement.isEmpty()) {
            return Optional.empty();
        }
        String region = env.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("environment variable AWS_REGION is not set (Lambda sets it)");
        }
        return Optional.of(new ReplicaPlacement(region, placement.get().subnetGroup(), placement.get().securityGroupIds()));
    }
}
