package dev.crossfade.infra.data.testutils;

/** One {@link TestApp} per topology for the whole test run, so each is synthesized once. */
public final class TestApps {

    private static TestApp seed;
    private static TestApp activeActive;
    private static TestApp threeRegions;

    private TestApps() {}

    public static synchronized TestApp seed() {
        if (seed == null) {
            seed = new TestApp(TestTopologies.seed());
        }
        return seed;
    }

    public static synchronized TestApp activeActive() {
        if (activeActive == null) {
            activeActive = new TestApp(TestTopologies.activeActive());
        }
        return activeActive;
    }

    public static synchronized TestApp threeRegions() {
        if (threeRegions == null) {
            threeRegions = new TestApp(TestTopologies.threeRegions());
        }
        return threeRegions;
    }
}
