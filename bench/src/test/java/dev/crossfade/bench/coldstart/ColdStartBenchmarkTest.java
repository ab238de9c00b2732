package dev.crossfade.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartBenchmarkTest {

    @Test
    void markLine_shouldGiveTheSplit_ignoringTheHandlersOwnLog() {
        List<String> out = List.of("{\"level\":\"INFO\",\"message\":\"decision\"}",
                "CROSSFADE-BENCH init_ns=250000000 handle_ns=125000000 output={\"action\":\"FAILOVER\"}");

        ColdStartBenchmark.Sample s = ColdStartBenchmark.parse("run", out, 400.0, "\"action\":\"FAILOVER\"");

        assertEquals(new ColdStartBenchmark.Sample(400.0, 250.0, 125.0), s);
    }

    @Test
    void unexpectedAnswer_shouldFailTheRun_notBecomeAFigure() {
        List<String> out = List.of("CROSSFADE-BENCH init_ns=1 handle_ns=1 output={\"action\":\"NONE\"}");

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ColdStartBenchmark.parse("run", out, 1.0, "\"action\":\"FAILOVER\""));
        assertTrue(e.getMessage().contains("NONE"), e.getMessage());
    }

    @Test
    void rounds_shouldAlternateTheOrder_soNoVariantAlwaysFollowsTheSameOne() {
        Variant a = new Variant("a", List.of(), "A", List.of(), Variant.Training.NONE, "x");
        Variant b = new Variant("b", List.of(), "B", List.of(), Variant.Training.NONE, "x");
        Variant c = new Variant("c", List.of(), "C", List.of(), Variant.Training.NONE, "x");

        assertEquals(List.of(a, b, c), ColdStartBenchmark.inRound(List.of(a, b, c), 0));
        assertEquals(List.of(c, b, a), ColdStartBenchmark.inRound(List.of(a, b, c), 1));
        assertEquals(List.of(a, b, c), ColdStartBenchmark.inRound(List.of(a, b, c), 2));
    }

    @Test
    void noMarkLine_shouldFailTheRun() {
        assertThrows(IllegalStateException.class, () -> ColdStartBenchmark.parse("run", List.of("Exception in thread"), 1.0, "x"));
    }
}
