package dev.crossfade.infra.detection;

import dev.crossfade.infra.LambdaJvm;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.topology.Topology;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The detector Lambda's environment: the names and compact JSON that
 * {@code dev.crossfade.functions.detect.DetectorConfig.fromEnv} reads (docs/detection.md "Configuration").
 * Every value is a validated identifier, number or boolean, so plain string building is safe.
 */
final class DetectorEnvironment {

    private DetectorEnvironment() {}

    static Map<String, String> of(Topology t, String region, String stackAccount, String tableName, Map<String, String> replicas,
                                  boolean nameDisabledRegions) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CROSSFADE_PROJECT", t.project());
        env.put("CROSSFADE_ENVIRONMENT", t.environment());
        env.put("CROSSFADE_ACCOUNT", t.account().orElse(stackAccount));
        env.put("CROSSFADE_MODE", t.mode().key());
        env.put("CROSSFADE_REGIONS", t.enabledRegions().stream()
                .map(r -> "{\"name\":" + quote(r.name()) + ",\"priority\":" + r.priority() + ",\"primary\":" + r.primary() + "}")
                .collect(Collectors.joining(",", "[", "]")));
        env.put("CROSSFADE_DISABLED_REGIONS", t.regions().values().stream().filter(r -> nameDisabledRegions && !r.enabled())
                .map(r -> quote(r.name())).collect(Collectors.joining(",", "[", "]")));
        Topology.Failover f = t.failover();
        env.put("CROSSFADE_POLICY", "{\"automatic\":" + f.automatic() + ",\"rpoBudgetSeconds\":" + f.rpoBudgetSeconds()
                + ",\"quorum\":" + f.quorum() + ",\"dwellSeconds\":" + f.dwellSeconds() + ",\"cooldownMinutes\":" + f.cooldownMinutes()
                + ",\"approvalForDataLoss\":" + f.approvalForDataLoss() + "}");
        env.put("CROSSFADE_STATE_TABLE", tableName);
        env.put("CROSSFADE_STATE_MACHINE_NAME", FailoverWorkflow.stateMachineName(t.name()));
        env.put("CROSSFADE_WORKFLOW_STATE_TABLE", FailoverWorkflow.stateTableName(t.name()));
        env.put("CROSSFADE_REPLICA_INSTANCES", replicas.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue())).collect(Collectors.joining(",", "{", "}")));
        // C1 only for the cold start, and a short DNS cache (LambdaJvm)
        env.put("JAVA_TOOL_OPTIONS", LambdaJvm.DETECTOR_TOOL_OPTIONS);
        return env;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
