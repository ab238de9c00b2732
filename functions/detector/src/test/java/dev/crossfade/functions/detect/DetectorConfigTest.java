package dev.crossfade.functions.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.testutils.DetectionSamples;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectorConfigTest {

    /** The environment exactly as infra's DetectionTest asserts the construct sets it. */
    private static Map<String, String> constructEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("CROSSFADE_PROJECT", "shop");
        env.put("CROSSFADE_ENVIRONMENT", "prod");
        env.put("CROSSFADE_ACCOUNT", "123456789012");
        env.put("CROSSFADE_MODE", "active-passive");
        env.put("CROSSFADE_STATE_TABLE", "shop-prod-detector");
        env.put("CROSSFADE_STATE_MACHINE_NAME", "shop-prod-failover");
        env.put("CROSSFADE_POLICY", "{\"automatic\":true,\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,\"cooldownMinutes\":30,\"approvalForDataLoss\":true}");
        env.put("CROSSFADE_REGIONS", "[{\"name\":\"us-east-1\",\"priority\":1,\"primary\":true},{\"name\":\"eu-west-1\",\"priority\":2,\"primary\":false},"
                + "{\"name\":\"ap-southeast-2\",\"priority\":3,\"primary\":false}]");
        env.put("CROSSFADE_DISABLED_REGIONS", "[\"us-west-2\"]");
        env.put("CROSSFADE_REPLICA_INSTANCES", "{\"eu-west-1\":\"shop-prod-db\"}");
        return env;
    }

    @Test
    void constructEnvironment_shouldGiveTheSameDeploymentAsTheTopology() {
        DetectorConfig config = DetectorConfig.fromEnv(constructEnv());

        assertEquals(DetectionSamples.threeRegions(), config.deployment());
        assertEquals("arn:aws:states:ap-southeast-2:123456789012:stateMachine:shop-prod-failover", config.stateMachineArn("ap-southeast-2"));
        assertEquals(Map.of("eu-west-1", "shop-prod-db"), config.replicaInstances());
        assertTrue(config.endpointOverride().isEmpty());
    }

    @Test
    void missingVariable_shouldFailNamingIt() {
        Map<String, String> env = constructEnv();
        env.remove("CROSSFADE_STATE_TABLE");

        DetectorConfig.ConfigException e = assertThrows(DetectorConfig.ConfigException.class, () -> DetectorConfig.fromEnv(env));

        assertTrue(e.getMessage().contains("CROSSFADE_STATE_TABLE"), e.getMessage());
    }

    @Test
    void policyWithoutQuorum_shouldFailNamingVariableAndKey() {
        Map<String, String> env = constructEnv();
        env.put("CROSSFADE_POLICY", "{\"automatic\":true}");

        DetectorConfig.ConfigException e = assertThrows(DetectorConfig.ConfigException.class, () -> DetectorConfig.fromEnv(env));

        assertTrue(e.getMessage().contains("CROSSFADE_POLICY") && e.getMessage().contains("rpoBudgetSeconds"), e.getMessage());
    }
}
