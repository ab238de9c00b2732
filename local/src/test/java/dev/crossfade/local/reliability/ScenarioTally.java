package dev.crossfade.local.reliability;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the scenarios' real results (each test or parameterized invocation) and prints
 * {@code scenarios: N passed, N failed} when the class is done. Failures still fail the build:
 * this only reports them.
 */
public final class ScenarioTally implements TestWatcher, AfterAllCallback {

    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    @Override
    public void testSuccessful(ExtensionContext context) {
        passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed.incrementAndGet();
        System.out.println("scenario failed: " + context.getDisplayName() + ": " + cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        failed.incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // a disabled scenario is neither passed nor failed
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.out.println("scenarios: " + passed.get() + " passed, " + failed.get() + " failed");
    }
}
