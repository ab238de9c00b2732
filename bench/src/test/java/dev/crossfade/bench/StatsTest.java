package dev.crossfade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void oddCount_shouldTakeTheMiddleSample_ignoringOneOutlier() {
        assertEquals(3.0, Stats.median(List.of(900, 1, 3, 2, 4)));
    }

    @Test
    void evenCount_shouldAverageTheTwoMiddleSamples() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void noSamples_shouldBeRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(List.of()));
    }
}
