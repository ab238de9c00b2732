package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.RegionSpec;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.SynthesizedApp;
import dev.crossfade.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Lambda environment is the contract between the CDK app and the handlers: infra writes it,
 * {@code DetectorConfig.fromEnv} and {@code WorkflowConfig.fromEnv} read it. This feeds the
 * synthesized functions' {@code Environment.Variables} to those readers, for every example, so that
 * a variable renamed, dropped or mis-encoded on one side fails here rather than at the first cold
 * start on AWS. CloudFormation intrinsics (a table's Ref, an ARN's Fn::GetAtt) stand as placeholder
 * strings; an {@code Fn::Join} is joined around them, as CloudFormation would.
 */
class LambdaEnvironmentContractTest {

    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of("seed", Apps.seed()), Arguments.of("latency", Apps.latency()), Arguments.of("geo", Apps.geo()),
                Arguments.of("three-regions-rds", Apps.threeRegionsRds()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyHandlersEnvironment_shouldBeReadByItsConfig_andNameTheTopologysRegions(String name, SynthesizedApp app) {
        Topology topology = app.topology();
        List<String> enabled = topology.enabledRegions().stream().map(Topology.Region::name).sorted().toList();
        int detectors = 0;
        int steps = 0;
        for (Topology.Region region : topology.enabledRegions()) {
            Map<String, Object> resources = resources(app.json(topology.name() + "-" + region.name()));
            for (Map.Entry<String, Object> entry : resources.entrySet()) {
                Map<String, Object> resource = map(entry.getValue());
                if (!"AWS::Lambda::Function".equals(resource.get("Type"))) {
                    continue;
                }
                Map<String, Object> properties = map(resource.get("Properties"));
                String handler = String.valueOf(properties.get("Handler"));
                Map<String, String> env = environment(properties);
                String where = name + " " + region.name() + " " + entry.getKey() + " (" + handler + ")";
                if (handler.startsWith("dev.crossfade.functions.detect.")) {
                    env.put("AWS_REGION", region.name());
                    DetectorConfig config = DetectorConfig.fromEnv(env);
                    assertEquals(region.name(), config.region(), where);
                    assertEquals(topology.project(), config.deployment().project(), where);
                    assertEquals(topology.environment(), config.deployment().environment(), where);
                    assertEquals(enabled, config.deployment().regions().stream().map(RegionSpec::name).sorted().toList(), where);
                    assertEquals(topology.mode() == Topology.Mode.ACTIVE_ACTIVE, config.deployment().activeActive(), where);
                    detectors++;
                } else if (handler.startsWith("dev.crossfade.functions.workflow.")) {
                    WorkflowConfig config = WorkflowConfig.fromEnv(env);
                    assertEquals(topology.name(), config.application(), where);
                    assertEquals(enabled, new TreeSet<>(config.regions().keySet()).stream().toList(), where);
                    assertEquals(topology.mode() == Topology.Mode.ACTIVE_ACTIVE, config.activeActive(), where);
                    steps++;
                }
            }
        }
        assertEquals(enabled.size(), detectors, name + ": one detector per enabled region");
        assertTrue(steps >= 10 * enabled.size(), name + ": the workflow's step functions in every region, found " + steps);
    }

    private static Map<String, String> environment(Map<String, Object> properties) {
        Map<String, Object> variables = map(map(properties.getOrDefault("Environment", Map.of())).getOrDefault("Variables", Map.of()));
        Map<String, String> env = new HashMap<>();
        variables.forEach((k, v) -> env.put(k, resolve(k, v)));
        return env;
    }

    /** A plain string as is; Fn::Join joined; any other intrinsic a placeholder naming it. */
    private static String resolve(String key, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> m && m.containsKey("Fn::Join")) {
            List<?> join = (List<?>) m.get("Fn::Join");
            return ((List<?>) join.get(1)).stream().map(part -> resolve(key, part)).collect(Collectors.joining((String) join.get(0)));
        }
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            return "token-" + m.keySet().iterator().next().toString().replace("::", "-") + "-" + key;
        }
        return String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> resources(Map<String, Object> template) {
        return map(template.get("Resources"));
    }
}
