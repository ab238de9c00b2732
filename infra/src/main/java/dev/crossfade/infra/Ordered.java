package dev.crossfade.infra;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Immutable map copies with a fixed iteration order. {@code Map.of} and {@code Map.copyOf}
 * iterate in an order that changes from one JVM to the next; whatever a construct iterates
 * (resources it creates, metrics, dimensions) would then come out in a different order in each
 * synthesis, and {@code cdk diff} would show updates for nothing (docs/infra.md, "Synthesize").
 */
public final class Ordered {

    private Ordered() {}

    /** An unmodifiable copy iterating in key order; nulls are refused, as by {@code Map.copyOf}. */
    public static <K extends Comparable<? super K>, V> Map<K, V> copyOf(Map<K, V> map) {
        Map<K, V> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(java.util.Objects.requireNonNull(k), java.util.Objects.requireNonNull(v)));
        return Collections.unmodifiableMap(sorted);
    }
}
