package dev.crossfade.functions.workflow;

import dev.crossfade.topology.Topology.Engine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow functions' configuration, read once from the environment the stack sets.
 *
 * @param application  {@code <project>-<environment>}
 * @param regions      every enabled region's resource names
 * @param stateTable   DynamoDB table in this region holding the run lock and the run records
 * @param activeActive the topology's {@code mode}: active-active keeps every healthy region in
 *                     traffic; active-passive sends traffic to the writer's region only
 */
public record WorkflowConfig(
        String application,
        Engine engine,
        Map<String, RegionTargets> regions,
        String globalClusterId,
        Optional<String> acceleratorArn,
        int rpoBudgetSeconds,
        boolean approvalForDataLoss,
        String stateTable,
        String eventBus,
        boolean activeActive) {

    public static final String ROUTING_NAMESPACE = "Crossfade/Routing";
    public static final String ROUTING_METRIC = "RoutingControl";
    public static final String RUN_NAMESPACE = "Crossfade/Failover";

    public WorkflowConfig {
        regions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regions));
    }

    public static WorkflowConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static WorkflowConfig fromEnv(Map<String, String> env) {
        Map<String, RegionTargets> regions = Json.readMap(required(env, "CROSSFADE_REGIONS"), RegionTargets.class);
        return new WorkflowConfig(
                required(env, "CROSSFADE_APPLICATION"),
                engine(required(env, "CROSSFADE_DB_ENGINE")),
                regions,
                env.getOrDefault("CROSSFADE_GLOBAL_CLUSTER_ID", ""),
                Optional.ofNullable(env.get("CROSSFADE_ACCELERATOR_ARN")).filter(s -> !s.isBlank()),
                Integer.parseInt(required(env, "CROSSFADE_RPO_BUDGET_SECONDS")),
                Boolean.parseBoolean(env.getOrDefault("CROSSFADE_APPROVAL_FOR_DATA_LOSS", "false")),
                required(env, "CROSSFADE_STATE_TABLE"),
                env.getOrDefault("CROSSFADE_EVENT_BUS", "default"),
                mode(env.getOrDefault("CROSSFADE_MODE", "active-passive")));
    }

    /** The named region's resources; a region the stack did not configure is bad input. */
    public RegionTargets region(String name) {
        RegionTargets targets = regions.get(name);
        if (targets == null) {
            throw new IllegalArgumentException("region '" + name + "' is not an enabled region of " + application
                    + " (configured: " + String.join(", ", regions.keySet()) + ")");
        }
        return targets;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    private static boolean mode(String key) {
        return switch (key) {
            case "active-active" -> true;
            case "active-passive" -> false;
            default -> throw new IllegalStateException("CROSSFADE_MODE '" + key + "' is not active-passive or active-active");
        };
    }

    private static Engine engine(String key) {
        return Arrays.stream(Engine.values()).filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalStateException("CROSSFADE_DB_ENGINE '" + key + "' is not a known engine"));
    }
}
