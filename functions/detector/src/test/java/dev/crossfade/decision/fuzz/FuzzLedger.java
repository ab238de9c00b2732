package dev.crossfade.decision.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.FalsifiedSample;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Counts what the fuzz properties did, from jqwik's own results (so shrinking steps are not
 * counted as events): the tries run, the tries that ended in a wrong action or an escaped
 * exception (a property stops at its first one), and each failure's shrunk counterexample.
 */
public final class FuzzLedger implements AroundPropertyHook {

    static final int MAX_COUNTEREXAMPLES = 5;
    private static final AtomicInteger EVENTS = new AtomicInteger();
    private static final AtomicInteger WRONG = new AtomicInteger();
    private static final List<String> COUNTEREXAMPLES = new ArrayList<>();

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        PropertyExecutionResult result = property.execute();
        EVENTS.addAndGet(result.countTries());
        if (result.status() == PropertyExecutionResult.Status.FAILED) {
            FalsifiedSample sample = result.shrunkSample().map(FalsifiedSample.class::cast).or(result::originalSample).orElse(null);
            Throwable error = sample != null && sample.falsifyingError().isPresent() ? sample.falsifyingError().get()
                    : result.throwable().orElse(null);
            if (error instanceof WrongAction) {
                WRONG.incrementAndGet();
            }
            synchronized (COUNTEREXAMPLES) {
                // a WrongAction's message already shows the (shrunk) case
                COUNTEREXAMPLES.add(context.label() + ": " + (error == null ? "failed" : error.getMessage())
                        + (sample == null || error instanceof WrongAction ? "" : "\n    shrunk sample: " + sample.parameters()));
            }
        }
        return result;
    }

    static void reset() {
        EVENTS.set(0);
        WRONG.set(0);
        synchronized (COUNTEREXAMPLES) {
            COUNTEREXAMPLES.clear();
        }
    }

    static int events() {
        return EVENTS.get();
    }

    static int wrong() {
        return WRONG.get();
    }

    /** The one summary line, then up to five counterexamples. */
    static void report(PrintStream out) {
        out.println("fuzzed events: " + EVENTS.get() + ", wrong actions: " + WRONG.get());
        synchronized (COUNTEREXAMPLES) {
            COUNTEREXAMPLES.stream().limit(MAX_COUNTEREXAMPLES).forEach(c -> out.println("counterexample: " + c));
        }
        out.flush();
    }
}
