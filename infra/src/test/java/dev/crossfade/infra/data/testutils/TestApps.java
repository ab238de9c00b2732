package dev.crossfade.infra.data.testutils;

import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.testutils.SynthesizedApp;

/** The real app of each test topology, synthesized once per test JVM ({@link Apps}). */
public final class TestApps {

    private TestApps() {}

    public static SynthesizedApp seed() {
        return Apps.seed();
    }

    public static SynthesizedApp activeActive() {
        return Apps.latency();
    }

    public static SynthesizedApp threeRegions() {
        return Apps.threeRegionsRds();
    }
}
