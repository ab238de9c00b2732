package dev.crossfade.topology.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectorEnvTest {

    private static final String TOKEN = "${Token[TOKEN.123]}";
    private static final String AWKWARD = "a \"quoted\" back\\slash " + TOKEN;

    private static DetectorEnv sample() {
        return new DetectorEnv("shop", "prod", Optional.of(TOKEN), Topology.Mode.ACTIVE_ACTIVE,
                List.of(new DetectorEnv.Region("us-east-1", 1, true), new DetectorEnv.Region("eu-west-1", 2, false)),
                List.of("us-west-2"), new DetectorEnv.Policy(true, 5, 1, 0, 30, true),
                "shop-prod-detector", "shop-prod-failover", Optional.of("shop-prod-failover-state"),
                Map.of("eu-west-1", AWKWARD));
    }

    @Test
    void toEnvThenFromEnv_shouldGiveTheSameRecord() {
        DetectorEnv env = sample();

        assertEquals(env, DetectorEnv.fromEnv(env.toEnv()));
    }

    @Test
    void optionalVariables_shouldRoundTripWhenAbsent() {
        DetectorEnv env = new DetectorEnv("shop", "prod", Optional.empty(), Topology.Mode.ACTIVE_PASSIVE,
                List.of(new DetectorEnv.Region("us-east-1", 1, true)), List.of(), new DetectorEnv.Policy(false, 0, 2, 60, 15, false),
                "t", "m", Optional.empty(), Map.of());

        assertEquals(env, DetectorEnv.fromEnv(env.toEnv()));
        assertEquals("[]", env.toEnv().get(DetectorEnv.DISABLED_REGIONS));
        assertEquals("{}", env.toEnv().get(DetectorEnv.REPLICA_INSTANCES));
    }

    @Test
    void toEnv_shouldWriteTheDocumentedShapes() {
        Map<String, String> env = sample().toEnv();

        assertEquals("[{\"name\":\"us-east-1\",\"priority\":1,\"primary\":true},{\"name\":\"eu-west-1\",\"priority\":2,\"primary\":false}]",
                env.get("CROSSFADE_REGIONS"));
        assertEquals("{\"automatic\":true,\"rpoBudgetSeconds\":5,\"quorum\":1,\"dwellSeconds\":0,\"cooldownMinutes\":30,\"approvalForDataLoss\":true}",
                env.get("CROSSFADE_POLICY"));
        assertEquals("[\"us-west-2\"]", env.get("CROSSFADE_DISABLED_REGIONS"));
        assertEquals("active-active", env.get("CROSSFADE_MODE"));
        assertEquals(TOKEN, env.get("CROSSFADE_ACCOUNT"));
    }

    @Test
    void quotesBackslashesAndTokens_shouldBeEscapedInJsonAndSurvive() {
        Map<String, String> env = sample().toEnv();

        assertEquals("{\"eu-west-1\":\"a \\\"quoted\\\" back\\\\slash ${Token[TOKEN.123]}\"}", env.get("CROSSFADE_REPLICA_INSTANCES"));
        assertEquals(AWKWARD, DetectorEnv.fromEnv(env).replicaInstances().get("eu-west-1"));
    }

    @Test
    void missingVariable_shouldBeNamed() {
        Map<String, String> env = new HashMap<>(sample().toEnv());
        env.remove("CROSSFADE_STATE_TABLE");

        var e = assertThrows(EnvException.class, () -> DetectorEnv.fromEnv(env));

        assertEquals("environment variable CROSSFADE_STATE_TABLE is not set", e.getMessage());
    }

    @Test
    void policyWithoutKey_shouldNameVariableAndKey() {
        assertEquals("environment variable CROSSFADE_POLICY lacks 'quorum'",
                rejection("CROSSFADE_POLICY", "{\"automatic\":true,\"rpoBudgetSeconds\":5}"));
    }

    @Test
    void malformedJson_shouldBeNamed() {
        String message = rejection("CROSSFADE_REGIONS", "[{\"name\":");

        assertTrue(message.startsWith("environment variable CROSSFADE_REGIONS is not valid JSON"), message);
    }

    @Test
    void wrongType_shouldNameVariableAndKey() {
        String message = rejection("CROSSFADE_REGIONS", "[{\"name\":\"us-east-1\",\"priority\":\"first\"}]");

        assertTrue(message.startsWith("environment variable CROSSFADE_REGIONS: 'priority' is not an integer"), message);
    }

    @Test
    void unknownMode_shouldBeNamed() {
        assertEquals("CROSSFADE_MODE 'both' is not active-passive or active-active", rejection("CROSSFADE_MODE", "both"));
    }

    /** The message {@link DetectorEnv#fromEnv} refuses the sample's variables with when {@code variable} is {@code value}. */
    private static String rejection(String variable, String value) {
        Map<String, String> env = new HashMap<>(sample().toEnv());
        env.put(variable, value);
        return assertThrows(EnvException.class, () -> DetectorEnv.fromEnv(env)).getMessage();
    }
}
