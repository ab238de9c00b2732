package dev.crossfade.topology.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicaPlacementEnvTest {

    @Test
    void toEnvThenFromEnv_shouldGiveTheSamePlacement() {
        ReplicaPlacementEnv placement = new ReplicaPlacementEnv("${Token[TOKEN.7]}", List.of("sg-1", "${Token[TOKEN.8]}"));

        Map<String, String> env = placement.toEnv();

        assertEquals("sg-1,${Token[TOKEN.8]}", env.get("CROSSFADE_DB_SECURITY_GROUP_IDS"));
        assertEquals(Optional.of(placement), ReplicaPlacementEnv.fromEnv(env));
    }

    @Test
    void noSubnetGroup_shouldBeNoPlacement() {
        assertEquals(Optional.empty(), ReplicaPlacementEnv.fromEnv(Map.of("CROSSFADE_DB_SECURITY_GROUP_IDS", "sg-1")));
    }

    @Test
    void subnetGroupWithoutSecurityGroups_shouldNameTheVariable() {
        var e = assertThrows(EnvException.class, () -> ReplicaPlacementEnv.fromEnv(Map.of("CROSSFADE_DB_SUBNET_GROUP", "g")));

        assertEquals("environment variable CROSSFADE_DB_SECURITY_GROUP_IDS is not set", e.getMessage());
    }
}
