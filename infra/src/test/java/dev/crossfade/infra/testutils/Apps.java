package dev.crossfade.infra.testutils;

import dev.crossfade.topology.Topology;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One synthesized real app per topology for the whole test JVM: each example (and the
 * three-region rds-postgres test topology) is synthesized once and shared by every test class.
 */
public final class Apps {

    private static final Map<String, SynthesizedApp> CACHE = new ConcurrentHashMap<>();

    private Apps() {}

    public static SynthesizedApp seed() {
        return cached(Examples.SEED, () -> Examples.load(Examples.SEED));
    }

    public static SynthesizedApp latency() {
        return cached(Examples.LATENCY, () -> Examples.load(Examples.LATENCY));
    }

    public static SynthesizedApp geo() {
        return cached(Examples.GEO, () -> Examples.load(Examples.GEO));
    }

    /** Three enabled regions and a disabled fourth, rds-postgres, HTTP health checks (test resource). */
    public static SynthesizedApp threeRegionsRds() {
        return cached("three-regions-rds", Examples::threeRegionsRds);
    }

    private static synchronized SynthesizedApp cached(String key, Supplier<Topology> topology) {
        SynthesizedApp app = CACHE.get(key);
        if (app == null) {
            app = SynthesizedApp.of(topology.get());
            CACHE.put(key, app);
        }
        return app;
    }
}
