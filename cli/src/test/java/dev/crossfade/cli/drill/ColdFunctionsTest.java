package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ColdFunctionsTest {

    @Test
    void line_withAMeasuredPreWarm_shouldGiveTheRtoWithItToo() {
        ColdFunctions cold = new ColdFunctions(17_469, 11, "2026-12-02", "2 cores", OptionalLong.of(4_200));

        String text = cold.line(34_600);

        assertTrue(text.startsWith("With cold functions: " + TimelineSummary.seconds(34_600 + 17_469) + " at real-world intervals (+"
                + TimelineSummary.seconds(17_469) + ": 11 workflow cold starts in sequence"), text);
        assertTrue(text.contains("with the run's pre-warm (as deployed): " + TimelineSummary.seconds(34_600 + 4_200) + " (+"
                + TimelineSummary.seconds(4_200) + ": the 11 functions started in parallel"), text);
    }

    @Test
    void line_withoutAPreWarmFigure_shouldNotInventOne() {
        String text = new ColdFunctions(17_469, 11, "2026-12-02", "2 cores").line(34_600);

        assertFalse(text.contains("pre-warm"), text);
        assertEquals(1, text.lines().count(), text);
    }
}
