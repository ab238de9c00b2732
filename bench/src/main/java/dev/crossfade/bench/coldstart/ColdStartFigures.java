package dev.crossfade.bench.coldstart;

import dev.crossfade.bench.Figure;
import dev.crossfade.bench.Stats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The cold-start rows: each variant's medians, then each real variant's ratios to the naive handler and to the floor. */
public final class ColdStartFigures {

    public static final double TARGET_RATIO = 0.4;

    private ColdStartFigures() {}

    /** {@code results} start with the floor, then the naive handler, then the variants judged against the target. */
    public static List<Figure> of(List<ColdStartBenchmark.Result> results) {
        if (results.size() < 3) {
            throw new IllegalArgumentException("need the floor, the naive handler and at least one variant");
        }
        ColdStartBenchmark.Result floor = results.get(0);
        ColdStartBenchmark.Result naive = results.get(1);
        List<Figure> rows = new ArrayList<>();
        for (ColdStartBenchmark.Result r : results) {
            List<Double> walls = r.samples().stream().map(ColdStartBenchmark.Sample::wallMs).toList();
            rows.add(Figure.info("cold start, " + r.variant().name(), String.format(Locale.ROOT, "%.0f ms", r.medianWallMs()),
                    String.format(Locale.ROOT, "median of %d fresh JVMs (min %.0f, max %.0f); in-process init %.0f ms + handle %.0f ms",
                            walls.size(), Stats.min(walls), Stats.max(walls), r.medianInitMs(), r.medianHandleMs())));
        }
        for (ColdStartBenchmark.Result r : results.subList(2, results.size())) {
            double toNaive = r.medianWallMs() / naive.medianWallMs();
            double toFloor = r.medianWallMs() / floor.medianWallMs();
            rows.add(Figure.against("cold start ratio, " + r.variant().name() + " / naive", String.format(Locale.ROOT, "%.2f", toNaive),
                    "<= " + TARGET_RATIO, toNaive <= TARGET_RATIO, String.format(Locale.ROOT, "%.1fx the empty-JVM floor", toFloor)));
        }
        return rows;
    }
}
