package dev.crossfade.infra.detection;

import dev.crossfade.infra.LambdaJvm;
import dev.crossfade.infra.workflow.FailoverWorkflow;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.env.DetectorEnv;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The detector Lambda's environment: the topology's {@link DetectorEnv} record, which
 * {@code dev.crossfade.functions.detect.DetectorConfig.fromEnv} reads back (docs/detection.md
 * "Configuration"), plus the JVM's flags. Names may be CDK tokens: the codec writes them unchanged.
 */
final class DetectorEnvironment {

    private DetectorEnvironment() {}

    static Map<String, String> of(Topology t, String region, String stackAccount, String tableName, Map<String, String> replicas,
                                  boolean nameDisabledRegions) {
        Topology.Failover f = t.failover();
        DetectorEnv contract = new DetectorEnv(
                t.project(),
                t.environment(),
                Optional.ofNullable(t.account().orElse(stackAccount)),
                t.mode(),
                t.enabledRegions().stream().map(r -> new DetectorEnv.Region(r.name(), r.priority(), r.primary())).toList(),
                t.regions().values().stream().filter(r -> nameDisabledRegions && !r.enabled()).map(Topology.Region::name).toList(),
                new DetectorEnv.Policy(f.automatic(), f.rpoBudgetSeconds(), f.quorum(), f.dwellSeconds(), f.cooldownMinutes(),
                        f.approvalForDataLoss()),
                tableName,
                FailoverWorkflow.stateMachineName(t.name()),
                Optional.of(FailoverWorkflow.stateTableName(t.name())),
                replicas);
        Map<String, String> env = new LinkedHashMap<>(contract.toEnv());
        // C1 only for the cold start, and a short DNS cache (LambdaJvm)
        env.put("JAVA_TOOL_OPTIONS", LambdaJvm.DETECTOR_TOOL_OPTIONS);
        return env;
    }
}
