package dev.crossfade.functions.detect;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.RegionSpec;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.env.DetectorEnv;
import dev.crossfade.topology.env.EnvException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The detector Lambda's configuration, read once from the environment the CDK construct sets
 * (docs/detection.md "Configuration") through the shared {@link DetectorEnv} contract. Nothing else in the
 * handler reads environment variables.
 *
 * @param region             where this detector runs ({@code AWS_REGION})
 * @param replicaInstances   region -> RDS instance id whose {@code ReplicaLag} is read before acting
 * @param endpointOverride   {@code CROSSFADE_AWS_ENDPOINT}: every client talks to this (moto, LocalStack)
 * @param workflowStateTable {@code CROSSFADE_WORKFLOW_STATE_TABLE}: the failover workflow's state table (same name
 *                           in every region), whose routing desired state each tick republishes; empty: no republishing
 */
public record DetectorConfig(
        String region,
        Deployment deployment,
        String stateTable,
        String stateMachineName,
        Map<String, String> replicaInstances,
        Optional<URI> endpointOverride,
        Optional<String> workflowStateTable) {

    public static final String PROJECT = DetectorEnv.PROJECT;
    public static final String ENVIRONMENT = DetectorEnv.ENVIRONMENT;
    public static final String ACCOUNT = DetectorEnv.ACCOUNT;
    public static final String MODE = DetectorEnv.MODE;
    public static final String REGIONS = DetectorEnv.REGIONS;
    public static final String DISABLED_REGIONS = DetectorEnv.DISABLED_REGIONS;
    public static final String POLICY = DetectorEnv.POLICY;
    public static final String STATE_TABLE = DetectorEnv.STATE_TABLE;
    public static final String STATE_MACHINE_NAME = DetectorEnv.STATE_MACHINE_NAME;
    public static final String REPLICA_INSTANCES = DetectorEnv.REPLICA_INSTANCES;
    public static final String ENDPOINT = "CROSSFADE_AWS_ENDPOINT";
    public static final String WORKFLOW_STATE_TABLE = DetectorEnv.WORKFLOW_STATE_TABLE;

    public DetectorConfig {
        replicaInstances = Map.copyOf(replicaInstances);
    }

    /** Without a workflow state table: the tick republishes no routing control. */
    public DetectorConfig(String region, Deployment deployment, String stateTable, String stateMachineName,
                          Map<String, String> replicaInstances, Optional<URI> endpointOverride) {
        this(region, deployment, stateTable, stateMachineName, replicaInstances, endpointOverride, Optional.empty());
    }

    /** The configuration from the Lambda environment: the {@link DetectorEnv} contract, plus {@code AWS_REGION} and the endpoint. */
    public static DetectorConfig fromEnv(Map<String, String> env) {
        DetectorEnv contract;
        try {
            contract = DetectorEnv.fromEnv(env);
        } catch (EnvException e) {
            throw new ConfigException(e.getMessage());
        }
        List<RegionSpec> regions = contract.regions().stream().map(r -> new RegionSpec(r.name(), r.priority(), r.primary())).toList();
        DetectorEnv.Policy p = contract.policy();
        FailoverPolicy policy = new FailoverPolicy(p.automatic(), p.rpoBudgetSeconds(), p.quorum(), p.dwellSeconds(), p.cooldownMinutes(),
                p.approvalForDataLoss());
        return new DetectorConfig(
                required(env, "AWS_REGION"),
                new Deployment(contract.project(), contract.environment(), contract.account(),
                        contract.mode() == Topology.Mode.ACTIVE_ACTIVE, regions, new TreeSet<>(contract.disabledRegions()), policy),
                contract.stateTable(),
                contract.stateMachineName(),
                contract.replicaInstances(),
                Optional.ofNullable(env.get(ENDPOINT)).filter(s -> !s.isBlank()).map(URI::create),
                contract.workflowStateTable());
    }

    /** The state machine ARN in a region: the workflow is deployed under the same name in every enabled region. */
    public String stateMachineArn(String targetRegion) {
        String account = deployment.account().orElseThrow(() -> new ConfigException(ACCOUNT + " is required to address the workflow"));
        return "arn:aws:states:" + targetRegion + ":" + account + ":stateMachine:" + stateMachineName;
    }

    public String application() {
        return deployment.project() + "-" + deployment.environment();
    }

    private static String required(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new ConfigException("environment variable " + name + " is not set");
        }
        return v;
    }

    /** The environment is incomplete or malformed: the function cannot start. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
