package dev.crossfade.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics of a few samples: with 5 to 9 runs the median resists one slow outlier. */
public final class Stats {

    private Stats() {}

    public static double median(List<? extends Number> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("median of no samples");
        }
        List<Double> sorted = new ArrayList<>();
        samples.forEach(n -> sorted.add(n.doubleValue()));
        Collections.sort(sorted);
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    public static double min(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).min().orElseThrow();
    }

    public static double max(List<? extends Number> samples) {
        return samples.stream().mapToDouble(Number::doubleValue).max().orElseThrow();
    }
}
