package dev.crossfade.local.testutils;

import dev.crossfade.local.WorkflowHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;

/**
 * The shared start of the emulator-backed workflow tests: one {@link WorkflowHarness} (moto, its
 * Step Functions interpreter, the Lambda bridge) per test class, with one-second retries, since
 * these tests prove what is retried, not when (the intervals are the ASL's business: RunLeaseTest);
 * a class annotated {@link AslRetryIntervals} keeps the ASL's own.
 * Each test deploys its own application into the harness's moto, which the deploy resets.
 */
public abstract class WorkflowLab {

    protected static WorkflowHarness harness;

    @BeforeAll
    static void startHarness(TestInfo test) {
        harness = new WorkflowHarness();
        if (test.getTestClass().filter(c -> c.isAnnotationPresent(AslRetryIntervals.class)).isEmpty()) {
            harness.oneSecondRetries();
        }
    }

    @AfterAll
    static void stopHarness() {
        harness.close();
    }
}
