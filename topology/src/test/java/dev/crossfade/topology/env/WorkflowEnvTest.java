package dev.crossfade.topology.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowEnvTest {

    private static final String TOKEN = "${Token[TOKEN.456]}";
    private static final String AWKWARD = "a \"quoted\" back\\slash " + TOKEN;

    private static WorkflowEnv sample() {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        regions.put("us-east-1", new RegionTargets(1, 3, "db1", null, null, "pg1", "c1", "s1", "a1", TOKEN, AWKWARD));
        regions.put("eu-west-1", new RegionTargets(2, 2, "db2", null, null, "pg2", "c2", "s2", "a2", null, null));
        return new WorkflowEnv("shop-prod", Topology.Engine.RDS_POSTGRES, regions, 5, true, "shop-prod-failover-state",
                "shop-prod-bus", Topology.Mode.ACTIVE_ACTIVE, Optional.empty(), Optional.of(TOKEN));
    }

    @Test
    void toEnvThenFromEnv_shouldGiveTheSameRecord() {
        WorkflowEnv env = sample();

        WorkflowEnv read = WorkflowEnv.fromEnv(env.toEnv());

        assertEquals(env, read);
        assertEquals(List.of("us-east-1", "eu-west-1"), List.copyOf(read.regions().keySet()));
    }

    @Test
    void auroraWithGlobalCluster_shouldRoundTrip() {
        WorkflowEnv env = new WorkflowEnv("shop-prod", Topology.Engine.AURORA_POSTGRES_GLOBAL,
                Map.of("us-east-1", new RegionTargets(1, 1, null, "cl1", "arn:cl1", null, "c1", "s1", "a1", null, null)),
                0, false, "t", "default", Topology.Mode.ACTIVE_PASSIVE, Optional.of("shop-prod-global"), Optional.empty());

        assertEquals(env, WorkflowEnv.fromEnv(env.toEnv()));
    }

    @Test
    void regions_shouldBeWrittenWithEveryFieldNameAndNulls() {
        String json = sample().toEnv().get("CROSSFADE_REGIONS");

        assertTrue(json.startsWith("{\"us-east-1\":{\"priority\":1,\"desiredCount\":3,\"dbInstanceId\":\"db1\",\"dbClusterId\":null,"
                + "\"dbClusterArn\":null,\"dbParameterGroup\":\"pg1\",\"ecsCluster\":\"c1\",\"ecsService\":\"s1\",\"healthAlarm\":\"a1\","
                + "\"endpointGroupArn\":\"${Token[TOKEN.456]}\",\"dbKmsKeyId\":\"a \\\"quoted\\\" back\\\\slash ${Token[TOKEN.456]}\"}"), json);
    }

    @Test
    void defaults_shouldApplyWhenOptionalVariablesAreMissing() {
        Map<String, String> env = new HashMap<>(sample().toEnv());
        env.remove("CROSSFADE_EVENT_BUS");
        env.remove("CROSSFADE_MODE");
        env.remove("CROSSFADE_APPROVAL_FOR_DATA_LOSS");

        WorkflowEnv read = WorkflowEnv.fromEnv(env);

        assertEquals("default", read.eventBus());
        assertEquals(Topology.Mode.ACTIVE_PASSIVE, read.mode());
        assertEquals(false, read.approvalForDataLoss());
    }

    @Test
    void missingVariable_shouldBeNamed() {
        var e = assertThrows(EnvException.class, () -> WorkflowEnv.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod")));

        assertEquals("environment variable CROSSFADE_REGIONS is not set", e.getMessage());
    }

    @Test
    void regionWithoutPriority_shouldNameVariableAndKey() {
        assertEquals("environment variable CROSSFADE_REGIONS lacks 'priority'",
                rejection("CROSSFADE_REGIONS", "{\"us-east-1\":{\"desiredCount\":1}}"));
    }

    @Test
    void malformedValues_shouldBeNamed() {
        String json = rejection("CROSSFADE_REGIONS", "{\"us-east-1\":");
        assertTrue(json.startsWith("environment variable CROSSFADE_REGIONS is not valid JSON"), json);
        assertEquals("environment variable CROSSFADE_RPO_BUDGET_SECONDS is not a whole number: 'five'",
                rejection("CROSSFADE_RPO_BUDGET_SECONDS", "five"));
        assertEquals("CROSSFADE_DB_ENGINE 'mysql' is not a known engine", rejection("CROSSFADE_DB_ENGINE", "mysql"));
    }

    /** The message {@link WorkflowEnv#fromEnv} refuses the sample's variables with when {@code variable} is {@code value}. */
    private static String rejection(String variable, String value) {
        Map<String, String> env = new HashMap<>(sample().toEnv());
        env.put(variable, value);
        return assertThrows(EnvException.class, () -> WorkflowEnv.fromEnv(env)).getMessage();
    }
}
