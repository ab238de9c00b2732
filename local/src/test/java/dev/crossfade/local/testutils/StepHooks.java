package dev.crossfade.local.testutils;

import dev.crossfade.local.WorkflowHarness;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Something happening in the middle of a run, hooked onto one step's handler with
 * {@link WorkflowHarness#wrap} (so the run's pre-warm invocation is left alone): a change to the
 * world once the step has done its work, or the handler process dying once.
 */
public final class StepHooks {

    private StepHooks() {}

    /** {@code then} runs each time the step's handler has returned, before the state machine sees the result. */
    public static void afterEach(Map<String, Function<String, String>> handlers, String step, Runnable then) {
        WorkflowHarness.wrap(handlers, step, real -> json -> {
            String result = real.apply(json);
            then.run();
            return result;
        });
    }

    /**
     * The step's first invocation throws {@code why} before the handler runs; later ones, a retry's
     * or a rerun's, run it. @return set once it has crashed
     */
    public static AtomicBoolean crashOnceBefore(Map<String, Function<String, String>> handlers, String step, String why) {
        AtomicBoolean crashed = new AtomicBoolean();
        WorkflowHarness.wrap(handlers, step, real -> json -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException(why);
            }
            return real.apply(json);
        });
        return crashed;
    }

    /**
     * The step's first invocation runs the handler, then throws {@code why} instead of returning its
     * result; later ones return normally. @return set once it has crashed
     */
    public static AtomicBoolean crashOnceAfter(Map<String, Function<String, String>> handlers, String step, String why) {
        AtomicBoolean crashed = new AtomicBoolean();
        afterEach(handlers, step, () -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException(why);
            }
        });
        return crashed;
    }
}
