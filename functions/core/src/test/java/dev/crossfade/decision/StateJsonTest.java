package dev.crossfade.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.testutils.DetectionSamples;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StateJsonTest {

    @Test
    void everySampleState_shouldSurviveWriteAndRead() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.list(DetectionSamples.repoRoot().resolve("events/state"))) {
            for (java.nio.file.Path f : files.toList()) {
                DetectorState s = StateJson.read(Files.readString(f));

                assertEquals(s, StateJson.read(StateJson.write(s)), f.toString());
            }
        }
    }

    @Test
    void notFollowing_shouldRoundTrip_andBeLeftOutWhileEmpty() {
        DetectorState s = DetectorState.empty().withNotFollowing(java.util.List.of("us-east-1"));

        assertEquals(s, StateJson.read(StateJson.write(s)));
        assertTrue(StateJson.write(s).contains("\"notFollowing\":[\"us-east-1\"]"), StateJson.write(s));
        assertTrue(!StateJson.write(DetectorState.empty()).contains("notFollowing"), "states from before keep their form");
    }

    @Test
    void unknownKey_shouldFailNamingTheKey() {
        StateFormatException e = assertThrows(StateFormatException.class,
                () -> StateJson.read("{\"signals\":{\"us-east-1\":{\"alb-5xx@us-east-1\":{\"state\":\"ALARM\",\"since\":\"2026-01-01T00:00:00Z\",\"sinse\":1}}}}"));

        assertTrue(e.getMessage().contains("signals.us-east-1.alb-5xx@us-east-1.sinse"), e.getMessage());
    }

    @Test
    void badInstant_shouldFailNamingThePath() {
        StateFormatException e = assertThrows(StateFormatException.class, () -> StateJson.read("{\"lastExecutionAt\":\"yesterday\"}"));

        assertTrue(e.getMessage().contains("lastExecutionAt"), e.getMessage());
    }
}
