package dev.crossfade.local.reliability;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the scenarios' real results (each test or parameterized invocation) of every class that
 * uses it and prints one {@code scenarios: N passed, N failed} line when the whole run is done.
 * Failures still fail the build: this only reports them.
 */
public final class ScenarioTally implements TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ScenarioTally.class);

    /** Kept in the root context's store, which JUnit closes once, after the last class. */
    static final class Totals implements AutoCloseable {
        private final AtomicInteger passed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();

        @Override
        public void close() {
            System.out.println("scenarios: " + passed.get() + " passed, " + failed.get() + " failed");
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        totals(context).passed.incrementAndGet();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        totals(context).failed.incrementAndGet();
        System.out.println("scenario failed: " + context.getDisplayName() + ": " + cause);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        totals(context).failed.incrementAndGet();
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // a disabled scenario is neither passed nor failed
    }

    private static Totals totals(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Totals.class, k -> new Totals(), Totals.class);
    }
}
