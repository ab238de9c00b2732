package dev.crossfade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void pipeInANote_shouldBeEscaped_soTheRowKeepsFiveCells() {
        String table = Figure.table(List.of(Figure.against("jar", "13 MB", "<= 12 MB", false, "a | b")));

        String row = table.lines().toList().get(2);
        assertEquals("| jar | 13 MB | <= 12 MB | missed | a \\| b |", row);
    }

    @Test
    void notMeasured_shouldSaySo_withItsReason() {
        String table = Figure.table(List.of(Figure.notMeasured("drill", "<= 15%", "no orchestration yet")));

        assertTrue(table.contains("| drill | not measured yet | <= 15% | not measured | no orchestration yet |"), table);
    }
}
