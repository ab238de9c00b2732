package dev.crossfade.infra;

/** JVM options shared by the Java Lambda functions (the detector and every workflow step). */
public final class LambdaJvm {

    /**
     * C1 only: a Lambda function is short-lived, so C2's optimizations rarely pay back their compile
     * time. They shorten the detector's cold start and the failover's critical path (BENCHMARKS.md
     * sections 1 and 6 have the figures), and section 1 recommends them for the detector and every
     * workflow function. Lambda's {@code java21} runtime reads {@code JAVA_TOOL_OPTIONS}.
     */
    public static final String C1_ONLY = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    /**
     * The detector's {@code JAVA_TOOL_OPTIONS}: C1 only, and a short DNS cache, since the JVM caches
     * answers while a failover moves names. The one place infra defines it; bench/ cold-starts the
     * detector "as deployed" with exactly this value (BENCHMARKS.md section 1).
     */
    public static final String DETECTOR_TOOL_OPTIONS = C1_ONLY + " -Dsun.net.inetaddr.ttl=30";

    /**
     * Every workflow function's {@code JAVA_TOOL_OPTIONS}; bench/'s critical-path benchmark starts the
     * steps "as deployed" with exactly this value (BENCHMARKS.md section 6).
     */
    public static final String WORKFLOW_TOOL_OPTIONS = C1_ONLY;

    /**
     * SnapStart ({@code ApplyOn: PublishedVersions}) on every workflow function, each invoked through
     * its {@code live} alias, with a priming hook ({@code WorkflowPriming}). bench/ cannot restore a
     * snapshot (no CRaC JVM there), so its critical-path rows start every step without it and say
     * so: with this on, they are an upper bound of what the deployed functions pay, not a figure of
     * SnapStart (BENCHMARKS.md section 6).
     */
    public static final boolean WORKFLOW_SNAPSTART = true;

    private LambdaJvm() {}
}
