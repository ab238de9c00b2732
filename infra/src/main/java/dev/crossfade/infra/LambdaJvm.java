package dev.crossfade.infra;

/** JVM options shared by the Java Lambda functions (the detector and every workflow step). */
public final class LambdaJvm {

    /**
     * C1 only: a Lambda function is short-lived, so C2's optimizations rarely pay back their compile
     * time. BENCHMARKS.md (section 1) measured the detector's cold start at 2345 ms without and
     * 1540 ms with these flags (0.93 to 0.61 of the naive handler's), and recommends them for the
     * detector and every workflow function. Lambda's {@code java21} runtime reads {@code JAVA_TOOL_OPTIONS}.
     */
    public static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    private LambdaJvm() {}
}
