package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    private static final String EVENT = """
            {"time": "2026-11-22T10:00:00Z", "detail": {"state": {"timestamp": "2026-11-22T10:00:00.000+0000"},
             "previousState": {"timestamp": "2026-11-22T09:55:00.000+0000"}}}""";

    @Test
    void everyTimestamp_shouldMoveBySameAmount_keepingItsFormat() {
        String moved = EventTimes.movedTo(EVENT, Instant.parse("2027-01-02T03:04:05.678Z"));

        assertTrue(moved.contains("\"time\": \"2027-01-02T03:04:05Z\""), moved);
        assertTrue(moved.contains("\"timestamp\": \"2027-01-02T03:04:05.000+0000\""), moved);
        assertTrue(moved.contains("\"timestamp\": \"2027-01-02T02:59:05.000+0000\""), moved);
    }

    @Test
    void eventWithoutTime_shouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> EventTimes.movedTo("{\"detail\":{}}", Instant.now()));
    }
}
