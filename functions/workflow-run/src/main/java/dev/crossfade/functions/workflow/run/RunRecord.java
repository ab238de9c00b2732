package dev.crossfade.functions.workflow.run;

import dev.crossfade.functions.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished run as the state machine saw it, with the phases measured from the timestamps the
 * steps left in the state. A phase that did not happen (no detector, aborted early) is absent.
 * {@code fencingGaps} names every fence or unfence action that did not happen (skipped, or failed
 * after the state machine's retries), so a run that went on without a complete fence says so.
 */
public record RunRecord(String application, String executionId, String status, String mode, String from, String to,
                        String incidentId, String reason, String error, String cause, List<Phase> phases,
                        List<String> fencingGaps, Approval approval) {

    public record Phase(String name, String start, String end, long millis) {}

    /**
     * Who approved a data loss over the RPO budget, and why: the output a person sent with
     * SendTaskSuccess ({@code crossfade approve}). Null when no approval was asked for or given.
     */
    public record Approval(String approvedBy, String reason, String approvedAt) {}

    /**
     * @param state the execution's state: its input (optionally {@code signalAt}, {@code detectedAt},
     *              {@code decidedAt} from the detector) plus each step's {@code startedAt}/{@code endedAt}
     */
    public static RunRecord of(String application, String executionId, String status, String executionStart, JsonValue state) {
        List<Phase> phases = new ArrayList<>();
        phase(phases, "detection", text(state, "signalAt"), text(state, "detectedAt"));
        phase(phases, "decision", text(state, "detectedAt"), first(text(state, "decidedAt"), executionStart));
        phase(phases, "fencing", text(state.path("fencing"), "startedAt"), text(state.path("fencing"), "endedAt"));
        // a promotion the run could not confirm, but found done when it came to undo the fence
        String promotedAfterAll = state.path("unfence").path("targetPromoted").asBoolean(false) ? text(state.path("unfence"), "endedAt") : null;
        phase(phases, "promotion", text(state.path("promotion"), "startedAt"),
                first(text(state.path("promotionStatus"), "endedAt"), promotedAfterAll));
        phase(phases, "traffic-shift", text(state.path("traffic"), "startedAt"), text(state.path("traffic"), "endedAt"));
        phase(phases, "verification", text(state.path("verification"), "startedAt"), text(state.path("verification"), "endedAt"));
        JsonValue error = state.path("error");
        return new RunRecord(application, executionId, status, text(state, "mode"), text(state, "from"), text(state, "to"),
                text(state, "incidentId"), text(state, "reason"), text(error, "Error"), text(error, "Cause"), phases,
                fencingGaps(state), approval(state.path("approval")));
    }

    private static Approval approval(JsonValue approval) {
        String by = text(approval, "approvedBy");
        return by == null ? null : new Approval(by, text(approval, "reason"), text(approval, "approvedAt"));
    }

    private static List<String> fencingGaps(JsonValue state) {
        List<String> gaps = new ArrayList<>();
        state.path("fencing").path("skipped").elements().forEach(skipped -> gaps.add("fence skipped: " + skipped.asText()));
        failed(gaps, "fence", state.path("fencingError"));
        state.path("unfence").path("skipped").elements().forEach(skipped -> gaps.add("unfence skipped: " + skipped.asText()));
        failed(gaps, "unfence", state.path("unfenceError"));
        return List.copyOf(gaps);
    }

    private static void failed(List<String> gaps, String action, JsonValue error) {
        if (!error.isMissing() && !error.isNull()) {
            gaps.add(action + " failed after retries: " + text(error, "Error") + ": " + text(error, "Cause"));
        }
    }

    private static void phase(List<Phase> phases, String name, String start, String end) {
        if (start != null && end != null) {
            phases.add(new Phase(name, start, end, Duration.between(Instant.parse(start), Instant.parse(end)).toMillis()));
        }
    }

    private static String text(JsonValue node, String field) {
        JsonValue value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
