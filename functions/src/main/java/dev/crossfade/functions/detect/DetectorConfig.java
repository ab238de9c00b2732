package dev.crossfade.functions.detect;

import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.RegionSpec;
import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The detector Lambda's configuration, read once from the environment the CDK construct sets
 * (docs/detection.md "Configuration"). Nothing else in the handler reads environment variables.
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

    public static final String PROJECT = "CROSSFADE_PROJECT";
    public static final String ENVIRONMENT = "CROSSFADE_ENVIRONMENT";
    public static final String ACCOUNT = "CROSSFADE_ACCOUNT";
    public static final String MODE = "CROSSFADE_MODE";
    public static final String REGIONS = "CROSSFADE_REGIONS";
    public static final String DISABLED_REGIONS = "CROSSFADE_DISABLED_REGIONS";
    public static final String POLICY = "CROSSFADE_POLICY";
    public static final String STATE_TABLE = "CROSSFADE_STATE_TABLE";
    public static final String STATE_MACHINE_NAME = "CROSSFADE_STATE_MACHINE_NAME";
    public static final String REPLICA_INSTANCES = "CROSSFADE_REPLICA_INSTANCES";
    public static final String ENDPOINT = "CROSSFADE_AWS_ENDPOINT";
    public static final String WORKFLOW_STATE_TABLE = "CROSSFADE_WORKFLOW_STATE_TABLE";

    public DetectorConfig {
        replicaInstances = Map.copyOf(replicaInstances);
    }

    /** Without a workflow state table: the tick republishes no routing control. */
    public DetectorConfig(String region, Deployment deployment, String stateTable, String stateMachineName,
                          Map<String, String> replicaInstances, Optional<URI> endpointOverride) {
        this(region, deployment, stateTable, stateMachineName, replicaInstances, endpointOverride, Optional.empty());
    }

    public static DetectorConfig fromEnv(Map<String, String> env) {
        String project = required(env, PROJECT);
        String environment = required(env, ENVIRONMENT);
        Optional<String> account = Optional.ofNullable(env.get(ACCOUNT)).filter(s -> !s.isBlank());
        boolean activeActive = "active-active".equals(env.getOrDefault(MODE, "active-passive"));
        List<RegionSpec> regions = new ArrayList<>();
        json(env, REGIONS).elements().forEach(r -> regions.add(new RegionSpec(
                field(r, "name", REGIONS).asText(), field(r, "priority", REGIONS).asInt(), r.path("primary").asBoolean(false))));
        Set<String> disabled = new TreeSet<>();
        Optional.ofNullable(env.get(DISABLED_REGIONS)).ifPresent(v -> json(env, DISABLED_REGIONS).elements().forEach(n -> disabled.add(n.asText())));
        JsonValue p = json(env, POLICY);
        FailoverPolicy policy = new FailoverPolicy(field(p, "automatic", POLICY).asBoolean(), field(p, "rpoBudgetSeconds", POLICY).asInt(),
                field(p, "quorum", POLICY).asInt(), field(p, "dwellSeconds", POLICY).asInt(),
                field(p, "cooldownMinutes", POLICY).asInt(), field(p, "approvalForDataLoss", POLICY).asBoolean());
        Map<String, String> replicas = new LinkedHashMap<>();
        Optional.ofNullable(env.get(REPLICA_INSTANCES)).ifPresent(v -> json(env, REPLICA_INSTANCES).fields()
                .forEach((region, instance) -> replicas.put(region, instance.asText())));
        return new DetectorConfig(
                required(env, "AWS_REGION"),
                new Deployment(project, environment, account, activeActive, regions, disabled, policy),
                required(env, STATE_TABLE),
                required(env, STATE_MACHINE_NAME),
                replicas,
                Optional.ofNullable(env.get(ENDPOINT)).filter(s -> !s.isBlank()).map(URI::create),
                Optional.ofNullable(env.get(WORKFLOW_STATE_TABLE)).filter(s -> !s.isBlank()));
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

    private static JsonValue json(Map<String, String> env, String name) {
        try {
            return JsonCodec.parse(required(env, name));
        } catch (IOException e) {
            throw new ConfigException("environment variable " + name + " is not valid JSON: " + e.getMessage());
        }
    }

    private static JsonValue field(JsonValue node, String key, String var) {
        JsonValue v = node.get(key);
        if (v == null || v.isNull()) {
            throw new ConfigException("environment variable " + var + " lacks '" + key + "'");
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
