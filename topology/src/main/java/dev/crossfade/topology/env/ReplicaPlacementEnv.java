package dev.crossfade.topology.env;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where RebuildReplication creates a replica, in its function's environment on top of
 * {@link WorkflowEnv}: the regional stack's DB subnet group ({@code CROSSFADE_DB_SUBNET_GROUP}) and
 * VPC security groups ({@code CROSSFADE_DB_SECURITY_GROUP_IDS}, comma-separated).
 */
public record ReplicaPlacementEnv(String subnetGroup, List<String> securityGroupIds) {

    public static final String DB_SUBNET_GROUP = "CROSSFADE_DB_SUBNET_GROUP";
    public static final String DB_SECURITY_GROUP_IDS = "CROSSFADE_DB_SECURITY_GROUP_IDS";

    public ReplicaPlacementEnv {
        Objects.requireNonNull(subnetGroup, DB_SUBNET_GROUP);
        securityGroupIds = List.copyOf(securityGroupIds);
    }

    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(DB_SUBNET_GROUP, subnetGroup);
        env.put(DB_SECURITY_GROUP_IDS, String.join(",", securityGroupIds));
        return env;
    }

    /**
     * The placement the stack set, or empty when it set no subnet group (a harness without a stack).
     *
     * @throws EnvException when a subnet group is set without any security group
     */
    public static Optional<ReplicaPlacementEnv> fromEnv(Map<String, String> env) {
        Optional<String> subnetGroup = EnvCodec.optional(env, DB_SUBNET_GROUP);
        if (subnetGroup.isEmpty()) {
            return Optional.empty();
        }
        List<String> groups = Arrays.stream(env.getOrDefault(DB_SECURITY_GROUP_IDS, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (groups.isEmpty()) {
            throw new EnvException("environment variable " + DB_SECURITY_GROUP_IDS + " is not set");
        }
        return Optional.of(new ReplicaPlacementEnv(subnetGroup.get(), groups));
    }
}
