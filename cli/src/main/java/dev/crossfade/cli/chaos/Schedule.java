package dev.crossfade.cli.chaos;

import dev.crossfade.cli.drill.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A chaos schedule (docs/chaos.md): the steps run one after the other against the lab, every
 * invariant checked after each. The JSON form is {@code {"steps": [STEP, ...]}} ({@link ScheduleJson}).
 */
public record Schedule(List<Step> steps) {

    public Schedule {
        steps = List.copyOf(steps);
    }

    /** One step of a schedule. */
    public sealed interface Step permits Inject, Heal, Wait, AwaitSettled, Failback {}

    /** {@code {"fault": KIND, "region": R}}; a partition may name a {@code peer} (only the two are cut from each other). */
    public record Inject(Fault fault, String region, Optional<String> peer) implements Step {
        public Inject {
            peer = peer == null ? Optional.empty() : peer;
        }

        public Inject(Fault fault, String region) {
            this(fault, region, Optional.empty());
        }
    }

    /** {@code {"heal": R}}, or {@code {"heal": "all"}} (region empty). */
    public record Heal(Optional<String> region) implements Step {
        public static final String ALL = "all";

        public static Heal all() {
            return new Heal(Optional.empty());
        }

        public static Heal of(String region) {
            return new Heal(Optional.of(region));
        }
    }

    /** {@code {"wait": SECONDS}}: topology seconds, run at the time scale. */
    public record Wait(long seconds) implements Step {}

    /** {@code {"await": "settled"}}. */
    public record AwaitSettled() implements Step {}

    /**
     * {@code {"failback": R}}: what an operator does to return to R, an old primary back from an
     * outage: its diverged instance deleted (when it is no replica), then the workflow started in R in
     * mode failback from the current writer (rebuild R from it, then a planned switch).
     */
    public record Failback(String region) implements Step {}

    /** This schedule without step {@code index}. */
    public Schedule without(int index) {
        List<Step> copy = new ArrayList<>(steps);
        copy.remove(index);
        return new Schedule(copy);
    }

    /** This schedule with step {@code index} replaced. */
    public Schedule with(int index, Step step) {
        List<Step> copy = new ArrayList<>(steps);
        copy.set(index, step);
        return new Schedule(copy);
    }

    /** The step as its JSON text (for progress lines and messages). */
    public static String describe(Step step) {
        return ScheduleJson.step(step).toString();
    }
}
