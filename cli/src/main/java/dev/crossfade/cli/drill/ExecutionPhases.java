package dev.crossfade.cli.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The workflow's phases measured from its execution history: from the first entry into a phase's
 * first state to the last exit from its last state (retries included).
 */
final class ExecutionPhases {

    /** phase -> its first and last state in statemachines/failover.asl.json */
    static final List<String[]> STATES = List.of(
            new String[] {Phase.FENCING, "FenceOldPrimary", "FenceOldPrimary"},
            new String[] {Phase.PROMOTION, "PromoteDatabase", "CheckPromotion"},
            new String[] {Phase.TRAFFIC_SHIFT, "ShiftTraffic", "PinTraffic"},
            new String[] {Phase.VERIFICATION, "VerifyTarget", "VerifyTarget"});

    record Span(String name, long startMillis, long endMillis) {}

    private final List<HistoryEvent> history;
    private final Instant origin;

    /** @param origin the drill's start on the system clock, which moto's timestamps also follow */
    ExecutionPhases(List<HistoryEvent> history, Instant origin) {
        this.history = List.copyOf(history);
        this.origin = origin;
    }

    List<Span> phases() {
        List<Span> spans = new ArrayList<>();
        for (String[] p : STATES) {
            Optional<Instant> start = history.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_ENTERED
                    && e.stateEnteredEventDetails().name().equals(p[1])).map(HistoryEvent::timestamp).min(Instant::compareTo);
            Optional<Instant> end = history.stream().filter(e -> e.type() == HistoryEventType.TASK_STATE_EXITED
                    && e.stateExitedEventDetails().name().equals(p[2])).map(HistoryEvent::timestamp).max(Instant::compareTo);
            if (start.isPresent() && end.isPresent() && !end.get().isBefore(start.get())) {
                spans.add(new Span(p[0], millis(start.get()), millis(end.get())));
            }
        }
        return spans;
    }

    /** The workflow stopped on a guard (nothing left half-done): it took the abort path or found the lock held. */
    boolean stoppedSafely() {
        return history.stream().anyMatch(e -> e.stateEnteredEventDetails() != null
                && List.of("MarkAborted", "AlreadyRunning").contains(e.stateEnteredEventDetails().name()));
    }

    private long millis(Instant at) {
        return Math.max(0, Duration.between(origin, at).toMillis());
    }
}
