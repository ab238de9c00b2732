package dev.crossfade.bench.drill;

import dev.crossfade.bench.Figure;
import java.util.List;

/**
 * Benchmark 3, the local drill: measured recovery time against the critical-path floor
 * (detection interval x threshold + emulated promotion + propagation), as a ratio, and the
 * orchestration overhead in milliseconds.
 *
 * <p>HOOK for the drill orchestration: once the local drill can run end to end, run it here N
 * times, take the median recovery time R and the floor F its own report gives, and return
 * {@code Figure.against("drill overhead", (R - F) + " ms = " + (R - F) / F, "<= 15% of the floor", (R - F) <= 0.15 * F, ...)}.
 */
public final class DrillRecovery {

    public static final String TARGET = "overhead <= 15% of the floor";

    private DrillRecovery() {}

    public static List<Figure> run() {
        return List.of(Figure.notMeasured("local drill: recovery time / critical-path floor, overhead", TARGET,
                "the drill orchestration is not assembled yet (no end-to-end local drill to time); hook: bench DrillRecovery.run()"));
    }
}
