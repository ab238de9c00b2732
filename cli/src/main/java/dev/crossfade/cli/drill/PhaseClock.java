package dev.crossfade.cli.drill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Measures the phases of a drill on the {@link DrillClock}: {@code begin} and {@code end} read the
 * monotonic clock, so every value in the report is measured, never assumed.
 */
public final class PhaseClock {

    /** Detection waits on health-check intervals, which the time scale shortens. */
    public static final Set<String> SCALED_BY_DEFAULT = Set.of(Phase.DETECTION);

    private final DrillClock clock;
    private final Set<String> scaled;
    private final Map<String, Long> open = new LinkedHashMap<>();
    private final List<Phase> done = new ArrayList<>();

    public PhaseClock(DrillClock clock) {
        this(clock, SCALED_BY_DEFAULT);
    }

    public PhaseClock(DrillClock clock, Set<String> scaledPhases) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scaled = Set.copyOf(scaledPhases);
    }

    public DrillClock clock() { return clock; }

    /** @return the start, in milliseconds since the drill started */
    public synchronized long begin(String name) {
        if (open.containsKey(name) || done.stream().anyMatch(p -> p.name().equals(name))) {
            throw new IllegalStateException("phase " + name + " was already started");
        }
        long now = clock.elapsedMillis();
        open.put(name, now);
        return now;
    }

    /** Ends a started phase and returns it as measured. */
    public synchronized Phase end(String name) {
        Long start = open.remove(name);
        if (start == null) {
            throw new IllegalStateException("phase " + name + " was never started");
        }
        long end = clock.elapsedMillis();
        boolean isScaled = scaled.contains(name);
        long equivalent = isScaled ? clock.scale().toRealWorldMillis(end - start) : end - start;
        Phase phase = new Phase(name, start, end, isScaled, equivalent);
        done.add(phase);
        return phase;
    }

    /**
     * Records a phase measured elsewhere (e.g. from the workflow's execution history), in
     * milliseconds since the drill started.
     */
    public synchronized Phase record(String name, long startMillis, long endMillis) {
        if (open.containsKey(name) || done.stream().anyMatch(p -> p.name().equals(name))) {
            throw new IllegalStateException("phase " + name + " was already started");
        }
        long equivalent = scaled.contains(name) ? clock.scale().toRealWorldMillis(endMillis - startMillis) : endMillis - startMillis;
        Phase phase = new Phase(name, startMillis, endMillis, scaled.contains(name), equivalent);
        done.add(phase);
        return phase;
    }

    /** Finished phases, by start time. */
    public synchronized List<Phase> phases() {
        return done.stream().sorted(java.util.Comparator.comparingLong(Phase::startMillis)).toList();
    }
}
