package dev.crossfade.functions.workflow;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import dev.crossfade.topology.env.WorkflowEnv;
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

    /**
     * The configuration from the Lambda environment, through the shared {@link WorkflowEnv} contract.
     *
     * @throws IllegalStateException ({@link dev.crossfade.topology.env.EnvException}) naming a missing or malformed variable
     */
    public static WorkflowConfig fromEnv(Map<String, String> env) {
        WorkflowEnv contract = WorkflowEnv.fromEnv(env);
        return new WorkflowConfig(
                contract.application(),
                contract.engine(),
                contract.regions(),
                contract.globalClusterId().orElse(""),
                contract.acceleratorArn(),
                contract.rpoBudgetSeconds(),
                contract.approvalForDataLoss(),
                contract.stateTable(),
                contract.eventBus(),
                contract.mode() == Topology.Mode.ACTIVE_ACTIVE);
    }

    /**
     * This configuration as the environment contract the stack writes: {@code env().toEnv()} gives the
     * variables that {@link #fromEnv(Map)} reads back (a harness starting the functions as processes).
     */
    public WorkflowEnv env() {
        return new WorkflowEnv(application, engine, regions, rpoBudgetSeconds, approvalForDataLoss, stateTable, eventBus,
                activeActive ? Topology.Mode.ACTIVE_ACTIVE : Topology.Mode.ACTIVE_PASSIVE,
                Optional.ofNullable(globalClusterId).filter(s -> !s.isBlank()), acceleratorArn);
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
}
