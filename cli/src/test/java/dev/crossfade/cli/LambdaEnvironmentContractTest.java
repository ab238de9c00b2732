package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.decision.RegionSpec;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lambda environment is the contract between the CDK app and the handlers: infra writes it,
 * {@code DetectorConfig.fromEnv} and {@code WorkflowConfig.fromEnv} read it. This synthesizes each
 * example with {@code crossfade synth} and feeds every Crossfade function's
 * {@code Environment.Variables} to its reader, so a variable renamed, dropped or mis-encoded on one
 * side fails here rather than at the first cold start on AWS. (It lives here because infra keeps
 * the functions off its test classpath.) CloudFormation intrinsics (a table's Ref, an ARN's
 * Fn::GetAtt) stand as placeholder strings; an {@code Fn::Join} is joined around them.
 */
class LambdaEnvironmentContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"examples/seed-active-passive.yaml", "examples/active-active-latency.yaml", "examples/three-region-geo.yaml"})
    void everyHandlersEnvironment_shouldBeReadByItsConfig_andNameTheTopologysRegions(String example) throws Exception {
        Path out = tmp.resolve("cdk.out");
        CliRun run = CliRun.of("synth", "--topology", CliRun.path(example), "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        Topology topology = TopologyParser.parse(Path.of(CliRun.path(example)));
        List<String> enabled = topology.enabledRegions().stream().map(Topology.Region::name).sorted().toList();

        int detectors = 0;
        int steps = 0;
        for (Topology.Region region : topology.enabledRegions()) {
            JsonNode resources = JSON.readTree(out.resolve(topology.name() + "-" + region.name() + ".template.json").toFile()).path("Resources");
            for (Map.Entry<String, JsonNode> entry : resources.properties()) {
                JsonNode resource = entry.getValue();
                if (!"AWS::Lambda::Function".equals(resource.path("Type").asText())) {
                    continue;
                }
                String handler = resource.at("/Properties/Handler").asText();
                Map<String, String> env = environment(resource.at("/Properties/Environment/Variables"));
                String where = example + " " + region.name() + " " + entry.getKey() + " (" + handler + ")";
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
                    assertEquals(enabled, new ArrayList<>(new TreeSet<>(config.regions().keySet())), where);
                    assertEquals(topology.mode() == Topology.Mode.ACTIVE_ACTIVE, config.activeActive(), where);
                    steps++;
                }
            }
        }
        assertEquals(enabled.size(), detectors, example + ": one detector per enabled region");
        assertTrue(steps >= 10 * enabled.size(), example + ": the workflow's step functions in every region, found " + steps);
    }

    private static Map<String, String> environment(JsonNode variables) {
        Map<String, String> env = new HashMap<>();
        variables.properties().forEach(e -> env.put(e.getKey(), resolve(e.getKey(), e.getValue())));
        return env;
    }

    /** A plain string as is; Fn::Join joined; any other intrinsic a placeholder naming it. */
    private static String resolve(String key, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            JsonNode join = value.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            join.get(1).forEach(part -> parts.add(resolve(key, part)));
            return String.join(join.get(0).asText(), parts);
        }
        if (value.isObject() && value.size() > 0) {
            return "token-" + value.fieldNames().next().replace("::", "-") + "-" + key;
        }
        return value.asText();
    }
}
