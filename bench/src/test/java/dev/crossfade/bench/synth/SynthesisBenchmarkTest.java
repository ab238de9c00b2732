package dev.crossfade.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.bench.Figure;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynthesisBenchmarkTest {

    @Test
    void growthBelowLinear_shouldMeetTheTarget() {
        List<Figure> rows = SynthesisBenchmark.figures(9000, List.of(new SynthesisBenchmark.Point(2, 1000, 200_000, 2),
                new SynthesisBenchmark.Point(4, 1800, 400_000, 4), new SynthesisBenchmark.Point(8, 3500, 800_000, 8)));

        Figure time = rows.get(rows.size() - 2);
        Figure bytes = rows.get(rows.size() - 1);
        assertEquals("x3.50", time.value());
        assertEquals(Figure.Verdict.MET, time.verdict());
        assertEquals("x4.00", bytes.value());
        assertEquals(Figure.Verdict.MET, bytes.verdict());
    }

    @Test
    void growthAboveLinear_shouldMissTheTarget() {
        List<Figure> rows = SynthesisBenchmark.figures(9000, List.of(new SynthesisBenchmark.Point(2, 1000, 200_000, 2),
                new SynthesisBenchmark.Point(8, 5000, 1_000_000, 8)));

        assertEquals(Figure.Verdict.MISSED, rows.get(rows.size() - 2).verdict());
        assertEquals(Figure.Verdict.MISSED, rows.get(rows.size() - 1).verdict());
    }
}
