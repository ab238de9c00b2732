package dev.crossfade.functions.lambda;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda snapshots an initialized function (a published version), the
 * function warms itself up ({@link #warmUp}) without any AWS call, so that the snapshot holds its
 * classes loaded and initialized. On a JVM without CRaC (no SnapStart, as in every test and
 * benchmark here) the hook never runs.
 *
 * @param <T> what a warm-up answers (what it primed), for the tests that run it directly
 */
public abstract class SnapStartPriming<T> implements Resource {

    /** Registers {@code priming} with the global CRaC context; the caller keeps the instance, which CRaC holds only weakly. */
    protected static <P extends SnapStartPriming<?>> P registered(P priming) {
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public final void beforeCheckpoint(Context<? extends Resource> context) {
        warmUp();
    }

    @Override
    public final void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: the warm-up makes no AWS call, and the SDK clients open their connections on first use
    }

    /** The warm-up itself: no AWS call. */
    public abstract T warmUp();
}
