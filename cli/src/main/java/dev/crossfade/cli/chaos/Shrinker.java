package dev.crossfade.cli.chaos;

import java.util.function.Predicate;

/**
 * Shrinks a schedule that breaks an invariant (docs/chaos.md "Shrinking"): tries removing each step
 * (last first), then halving each wait, keeping a change only when the re-run still breaks the same
 * invariant; stops after {@code budget} re-runs. The result always breaks it (it is the input when
 * nothing smaller did).
 */
public final class Shrinker {

    /** What the shrink found, and how many re-runs it spent. */
    public record Result(Schedule schedule, int runs) {}

    private Shrinker() {}

    /** @param stillBreaks re-runs a candidate: true when the same invariant breaks again */
    public static Result shrink(Schedule failing, Predicate<Schedule> stillBreaks, int budget) {
        Schedule best = failing;
        int runs = 0;
        boolean progress = true;
        while (progress && runs < budget) {
            progress = false;
            for (int i = best.steps().size() - 1; i >= 0 && runs < budget; i--) {
                if (best.steps().size() == 1) {
                    break;
                }
                Schedule candidate = best.without(i);
                runs++;
                if (stillBreaks.test(candidate)) {
                    best = candidate;
                    progress = true;
                }
            }
            for (int i = 0; i < best.steps().size() && runs < budget; i++) {
                if (best.steps().get(i) instanceof Schedule.Wait w && w.seconds() > 0) {
                    Schedule candidate = best.with(i, new Schedule.Wait(w.seconds() / 2));
                    runs++;
                    if (stillBreaks.test(candidate)) {
                        best = candidate;
                        progress = true;
                    }
                }
            }
        }
        return new Result(best, runs);
    }
}
