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
        assertEquals("x4.000", bytes.value());
        assertEquals(Figure.Verdict.MET, bytes.verdict());
    }

    @Test
    void quadraticTerm_shouldBeRecovered_fromThreeSizes() {
        // bytes = 1000 + 40000 N + 10 N^2
        List<SynthesisBenchmark.Point> points = List.of(new SynthesisBenchmark.Point(2, 1, 81_040, 2),
                new SynthesisBenchmark.Point(4, 1, 161_160, 4), new SynthesisBenchmark.Point(8, 1, 321_640, 8));

        assertEquals("fit: 40000 bytes per region + 10.0 bytes x regions^2 (cross-region references)", SynthesisBenchmark.quadraticNote(points));
    }

    @Test
    void growthAboveLinear_shouldMissTheTarget() {
        List<Figure> rows = SynthesisBenchmark.figures(9000, List.of(new SynthesisBenchmark.Point(2, 1000, 200_000, 2),
                new SynthesisBenchmark.Point(8, 5000, 1_000_000, 8)));

        assertEquals(Figure.Verdict.MISSED, rows.get(rows.size() - 2).verdict());
        assertEquals(Figure.Verdict.MISSED, rows.get(rows.size() - 1).verdict());
    }

    @Test
    void jsiiValidationError_shouldBeCutToItsHeadlineAndFirstConstruct() {
        String message = "ValidationFailedWithErrors: Validation failed with the following errors:\n"
                + "  [bench-prod-us-east-1/Detection/ForwardToPeers] Event rule cannot have more than 5 targets.\n"
                + "  [bench-prod-eu-west-1/Detection/ForwardToPeers] Event rule cannot have more than 5 targets.\n";

        assertEquals("ValidationFailedWithErrors: Validation failed with the following errors: "
                + "[bench-prod-us-east-1/Detection/ForwardToPeers] Event rule cannot have more than 5 targets.", SynthesisBenchmark.firstLines(message));
    }
}
