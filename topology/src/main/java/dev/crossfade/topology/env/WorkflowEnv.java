package dev.crossfade.topology.env;

import dev.crossfade.topology.Topology;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The failover workflow functions' environment (every step function and the writer guard) as infra's
 * FailoverWorkflow construct writes it and the functions' {@code WorkflowConfig} reads it.
 * {@link #toEnv()} and {@link #fromEnv(Map)} are the only code that knows the variable names and JSON
 * shapes. Values may be CDK token strings: they are written unchanged. RebuildReplication also gets a
 * {@link ReplicaPlacementEnv}.
 *
 * @param application         {@code CROSSFADE_APPLICATION}: {@code <project>-<environment>}
 * @param engine              {@code CROSSFADE_DB_ENGINE}: the engine key
 * @param regions             {@code CROSSFADE_REGIONS}: every enabled region's resources, a JSON object by region
 * @param rpoBudgetSeconds    {@code CROSSFADE_RPO_BUDGET_SECONDS}
 * @param approvalForDataLoss {@code CROSSFADE_APPROVAL_FOR_DATA_LOSS}; false when not set
 * @param stateTable          {@code CROSSFADE_STATE_TABLE}: the run lock and run records
 * @param eventBus            {@code CROSSFADE_EVENT_BUS}; "default" when not set
 * @param mode                {@code CROSSFADE_MODE}; active-passive when not set
 * @param globalClusterId     {@code CROSSFADE_GLOBAL_CLUSTER_ID}: aurora-postgres-global only
 * @param acceleratorArn      {@code CROSSFADE_ACCELERATOR_ARN}: Global Accelerator, if any
 */
public record WorkflowEnv(
        String application,
        Topology.Engine engine,
        Map<String, RegionTargets> regions,
        int rpoBudgetSeconds,
        boolean approvalForDataLoss,
        String stateTable,
        String eventBus,
        Topology.Mode mode,
        Optional<String> globalClusterId,
        Optional<String> acceleratorArn) {

    public static final String APPLICATION = "CROSSFADE_APPLICATION";
    public static final String DB_ENGINE = "CROSSFADE_DB_ENGINE";
    public static final String REGIONS = "CROSSFADE_REGIONS";
    public static final String RPO_BUDGET_SECONDS = "CROSSFADE_RPO_BUDGET_SECONDS";
    public static final String APPROVAL_FOR_DATA_LOSS = "CROSSFADE_APPROVAL_FOR_DATA_LOSS";
    public static final String STATE_TABLE = "CROSSFADE_STATE_TABLE";
    public static final String EVENT_BUS = "CROSSFADE_EVENT_BUS";
    public static final String MODE = "CROSSFADE_MODE";
    public static final String GLOBAL_CLUSTER_ID = "CROSSFADE_GLOBAL_CLUSTER_ID";
    public static final String ACCELERATOR_ARN = "CROSSFADE_ACCELERATOR_ARN";

    public WorkflowEnv {
        Objects.requireNonNull(application, APPLICATION);
        Objects.requireNonNull(engine, DB_ENGINE);
        regions = Collections.unmodifiableMap(new LinkedHashMap<>(regions));
        Objects.requireNonNull(stateTable, STATE_TABLE);
        Objects.requireNonNull(eventBus, EVENT_BUS);
        Objects.requireNonNull(mode, MODE);
        Objects.requireNonNull(globalClusterId, GLOBAL_CLUSTER_ID);
        Objects.requireNonNull(acceleratorArn, ACCELERATOR_ARN);
    }

    /** The engine whose key this is ({@code CROSSFADE_DB_ENGINE}); an unknown key is an error naming the variable. */
    public static Topology.Engine engine(String key) {
        return Arrays.stream(Topology.Engine.values()).filter(e -> e.key().equals(key)).findFirst()
                .orElseThrow(() -> new EnvException(DB_ENGINE + " '" + key + "' is not a known engine"));
    }

    /** The variables, in a stable order; the optional ones only when present. */
    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(APPLICATION, application);
        env.put(DB_ENGINE, engine.key());
        env.put(REGIONS, regionsJson(regions));
        env.put(RPO_BUDGET_SECONDS, Integer.toString(rpoBudgetSeconds));
        env.put(APPROVAL_FOR_DATA_LOSS, Boolean.toString(approvalForDataLoss));
        env.put(STATE_TABLE, stateTable);
        env.put(EVENT_BUS, eventBus);
        env.put(MODE, mode.key());
        globalClusterId.ifPresent(id -> env.put(GLOBAL_CLUSTER_ID, id));
        acceleratorArn.ifPresent(arn -> env.put(ACCELERATOR_ARN, arn));
        return env;
    }

    /** The value of {@code CROSSFADE_REGIONS}: region -> its resources under the {@link RegionTargets} field names. */
    public static String regionsJson(Map<String, RegionTargets> regions) {
        Map<String, Object> json = new LinkedHashMap<>();
        regions.forEach((name, r) -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("priority", r.priority());
            fields.put("desiredCount", r.desiredCount());
            fields.put("dbInstanceId", r.dbInstanceId());
            fields.put("dbClusterId", r.dbClusterId());
            fields.put("dbClusterArn", r.dbClusterArn());
            fields.put("dbParameterGroup", r.dbParameterGroup());
            fields.put("ecsCluster", r.ecsCluster());
            fields.put("ecsService", r.ecsService());
            fields.put("healthAlarm", r.healthAlarm());
            fields.put("endpointGroupArn", r.endpointGroupArn());
            fields.put("dbKmsKeyId", r.dbKmsKeyId());
            json.put(name, fields);
        });
        return EnvCodec.write(json);
    }

    /**
     * The record from a Lambda environment (other variables are ignored).
     *
     * @throws EnvException naming the variable (and key) that is missing or malformed
     */
    public static WorkflowEnv fromEnv(Map<String, String> env) {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        EnvCodec.object(env, REGIONS).asMap().forEach((name, value) -> {
            EnvCodec.Fields r = EnvCodec.asObject(value, REGIONS, "'" + name + "'");
            regions.put(name, new RegionTargets(r.integer("priority"), r.integer("desiredCount"), r.textOrNull("dbInstanceId"),
                    r.textOrNull("dbClusterId"), r.textOrNull("dbClusterArn"), r.textOrNull("dbParameterGroup"),
                    r.textOrNull("ecsCluster"), r.textOrNull("ecsService"), r.textOrNull("healthAlarm"),
                    r.textOrNull("endpointGroupArn"), r.textOrNull("dbKmsKeyId")));
        });
        String application = EnvCodec.required(env, APPLICATION);
        Topology.Engine engine = engine(EnvCodec.required(env, DB_ENGINE));
        String rpo = EnvCodec.required(env, RPO_BUDGET_SECONDS);
        int rpoBudgetSeconds;
        try {
            rpoBudgetSeconds = Integer.parseInt(rpo.trim());
        } catch (NumberFormatException e) {
            throw new EnvException("environment variable " + RPO_BUDGET_SECONDS + " is not a whole number: '" + rpo + "'");
        }
        return new WorkflowEnv(application, engine, regions, rpoBudgetSeconds,
                Boolean.parseBoolean(env.getOrDefault(APPROVAL_FOR_DATA_LOSS, "false")),
                EnvCodec.required(env, STATE_TABLE),
                env.getOrDefault(EVENT_BUS, "default"),
                EnvCodec.mode(env, MODE),
                EnvCodec.optional(env, GLOBAL_CLUSTER_ID),
                EnvCodec.optional(env, ACCELERATOR_ARN));
    }
}
