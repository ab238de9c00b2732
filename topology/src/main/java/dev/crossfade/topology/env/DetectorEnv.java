package dev.crossfade.topology.env;

import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The detector Lambda's environment as infra's Detection construct writes it and the functions'
 * {@code DetectorConfig} reads it (docs/detection.md "Configuration"). {@link #toEnv()} and
 * {@link #fromEnv(Map)} are the only code that knows the variable names and JSON shapes.
 * Values may be CDK token strings: they are written unchanged.
 *
 * @param account            {@code CROSSFADE_ACCOUNT}; empty when not set (the detector then cannot address the workflow)
 * @param mode               {@code CROSSFADE_MODE}; active-passive when not set
 * @param regions            {@code CROSSFADE_REGIONS}: the enabled regions, a JSON array of {name, priority, primary}
 * @param disabledRegions    {@code CROSSFADE_DISABLED_REGIONS}: a JSON array of region names; empty when not set
 * @param policy             {@code CROSSFADE_POLICY}: a JSON object
 * @param stateTable         {@code CROSSFADE_STATE_TABLE}: the detector's state table
 * @param stateMachineName   {@code CROSSFADE_STATE_MACHINE_NAME}: the failover workflow, same name in every region
 * @param workflowStateTable {@code CROSSFADE_WORKFLOW_STATE_TABLE}: the workflow's state table; empty when not set
 * @param replicaInstances   {@code CROSSFADE_REPLICA_INSTANCES}: region -> RDS instance id, a JSON object; empty when not set
 */
public record DetectorEnv(
        String project,
        String environment,
        Optional<String> account,
        Topology.Mode mode,
        List<Region> regions,
        List<String> disabledRegions,
        Policy policy,
        String stateTable,
        String stateMachineName,
        Optional<String> workflowStateTable,
        Map<String, String> replicaInstances) {

    public static final String PROJECT = "CROSSFADE_PROJECT";
    public static final String ENVIRONMENT = "CROSSFADE_ENVIRONMENT";
    public static final String ACCOUNT = "CROSSFADE_ACCOUNT";
    public static final String MODE = "CROSSFADE_MODE";
    public static final String REGIONS = "CROSSFADE_REGIONS";
    public static final String DISABLED_REGIONS = "CROSSFADE_DISABLED_REGIONS";
    public static final String POLICY = "CROSSFADE_POLICY";
    public static final String STATE_TABLE = "CROSSFADE_STATE_TABLE";
    public static final String STATE_MACHINE_NAME = "CROSSFADE_STATE_MACHINE_NAME";
    public static final String WORKFLOW_STATE_TABLE = "CROSSFADE_WORKFLOW_STATE_TABLE";
    public static final String REPLICA_INSTANCES = "CROSSFADE_REPLICA_INSTANCES";

    /** One enabled region: {@code {"name", "priority", "primary"}} in {@code CROSSFADE_REGIONS}. */
    public record Region(String name, int priority, boolean primary) {
        public Region {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The topology's failover policy: the JSON object in {@code CROSSFADE_POLICY}, every key required. */
    public record Policy(boolean automatic, int rpoBudgetSeconds, int quorum, int dwellSeconds, int cooldownMinutes,
                         boolean approvalForDataLoss) {}

    public DetectorEnv {
        Objects.requireNonNull(project, PROJECT);
        Objects.requireNonNull(environment, ENVIRONMENT);
        Objects.requireNonNull(account, ACCOUNT);
        Objects.requireNonNull(mode, MODE);
        regions = List.copyOf(regions);
        disabledRegions = List.copyOf(disabledRegions);
        Objects.requireNonNull(policy, POLICY);
        Objects.requireNonNull(stateTable, STATE_TABLE);
        Objects.requireNonNull(stateMachineName, STATE_MACHINE_NAME);
        Objects.requireNonNull(workflowStateTable, WORKFLOW_STATE_TABLE);
        replicaInstances = Collections.unmodifiableMap(new LinkedHashMap<>(replicaInstances));
    }

    /** The variables, in a stable order; the optional ones only when present. */
    public Map<String, String> toEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(PROJECT, project);
        env.put(ENVIRONMENT, environment);
        account.ifPresent(a -> env.put(ACCOUNT, a));
        env.put(MODE, mode.key());
        List<Object> regionList = new ArrayList<>();
        for (Region r : regions) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("name", r.name());
            region.put("priority", r.priority());
            region.put("primary", r.primary());
            regionList.add(region);
        }
        env.put(REGIONS, EnvCodec.write(regionList));
        env.put(DISABLED_REGIONS, EnvCodec.write(disabledRegions));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("automatic", policy.automatic());
        p.put("rpoBudgetSeconds", policy.rpoBudgetSeconds());
        p.put("quorum", policy.quorum());
        p.put("dwellSeconds", policy.dwellSeconds());
        p.put("cooldownMinutes", policy.cooldownMinutes());
        p.put("approvalForDataLoss", policy.approvalForDataLoss());
        env.put(POLICY, EnvCodec.write(p));
        env.put(STATE_TABLE, stateTable);
        env.put(STATE_MACHINE_NAME, stateMachineName);
        workflowStateTable.ifPresent(t -> env.put(WORKFLOW_STATE_TABLE, t));
        env.put(REPLICA_INSTANCES, EnvCodec.write(replicaInstances));
        return env;
    }

    /**
     * The record from a Lambda environment (other variables are ignored).
     *
     * @throws EnvException naming the variable (and key) that is missing or malformed
     */
    public static DetectorEnv fromEnv(Map<String, String> env) {
        String project = EnvCodec.required(env, PROJECT);
        String environment = EnvCodec.required(env, ENVIRONMENT);
        Optional<String> account = EnvCodec.optional(env, ACCOUNT);
        Topology.Mode mode = EnvCodec.mode(env, MODE);
        List<Region> regions = new ArrayList<>();
        List<Object> regionList = EnvCodec.array(env, REGIONS);
        for (int i = 0; i < regionList.size(); i++) {
            EnvCodec.Fields r = EnvCodec.asObject(regionList.get(i), REGIONS, "element " + i);
            regions.add(new Region(r.text("name"), r.integer("priority"), r.bool("primary", false)));
        }
        List<String> disabled = new ArrayList<>();
        if (env.get(DISABLED_REGIONS) != null) {
            List<Object> names = EnvCodec.array(env, DISABLED_REGIONS);
            for (int i = 0; i < names.size(); i++) {
                disabled.add(EnvCodec.asString(names.get(i), DISABLED_REGIONS, "element " + i));
            }
        }
        EnvCodec.Fields p = EnvCodec.object(env, POLICY);
        Policy policy = new Policy(p.bool("automatic"), p.integer("rpoBudgetSeconds"), p.integer("quorum"), p.integer("dwellSeconds"),
                p.integer("cooldownMinutes"), p.bool("approvalForDataLoss"));
        Map<String, String> replicas = new LinkedHashMap<>();
        if (env.get(REPLICA_INSTANCES) != null) {
            EnvCodec.object(env, REPLICA_INSTANCES).asMap()
                    .forEach((region, instance) -> replicas.put(region, EnvCodec.asString(instance, REPLICA_INSTANCES, "'" + region + "'")));
        }
        return new DetectorEnv(project, environment, account, mode, regions, disabled, policy,
                EnvCodec.required(env, STATE_TABLE), EnvCodec.required(env, STATE_MACHINE_NAME),
                EnvCodec.optional(env, WORKFLOW_STATE_TABLE), replicas);
    }
}
