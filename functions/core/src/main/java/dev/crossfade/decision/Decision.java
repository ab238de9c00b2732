package dev.crossfade.decision;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one evaluation. {@code FAILOVER} starts the workflow; {@code NOTIFY_ONLY}
 * reports what would be done (monitor mode, or approval needed); {@code NONE} does nothing.
 *
 * @param subject the region the decision is about, if any
 */
public record Decision(Action action, Optional<String> from, Optional<String> to, String reason,
                       Optional<String> executionName, Optional<String> incidentId,
                       Optional<String> subject, boolean approvalRequired) {

    public enum Action { FAILOVER, NONE, NOTIFY_ONLY }

    public Decision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    public static Decision none(String reason) {
        return new Decision(Action.NONE, Optional.empty(), Optional.empty(), reason, Optional.empty(),
                Optional.empty(), Optional.empty(), false);
    }

    public static Decision none(String subject, String reason) {
        return new Decision(Action.NONE, Optional.empty(), Optional.empty(), reason, Optional.empty(),
                Optional.empty(), Optional.of(subject), false);
    }
}
