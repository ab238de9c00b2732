package dev.crossfade.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.bench.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColdStartFiguresTest {

    private static ColdStartBenchmark.Result result(String name, double... wallMs) {
        Variant v = new Variant(name, List.of(), "H", List.of(), Variant.Training.NONE, "");
        return new ColdStartBenchmark.Result(v, java.util.Arrays.stream(wallMs).mapToObj(w -> new ColdStartBenchmark.Sample(w, 0, 0)).toList());
    }

    @Test
    void ratios_shouldUseMedians_andJudgeEachVariantAgainstTheNaiveHandler() {
        List<Figure> rows = ColdStartFigures.of(List.of(result("floor", 40, 50, 60), result("naive", 1000, 1100, 5000),
                result("fast", 400, 440, 3000), result("slow", 500, 600, 700)));

        Figure fast = rows.get(4);
        Figure slow = rows.get(5);
        assertEquals("0.40", fast.value());
        assertEquals(Figure.Verdict.MET, fast.verdict());
        assertEquals("8.8x the empty-JVM floor", fast.note());
        assertEquals("0.55", slow.value());
        assertEquals(Figure.Verdict.MISSED, slow.verdict());
    }
}
