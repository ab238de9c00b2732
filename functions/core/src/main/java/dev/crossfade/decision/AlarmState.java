package dev.crossfade.decision;

import java.util.Optional;

/** The three CloudWatch alarm states. */
public enum AlarmState {
    ALARM, OK, INSUFFICIENT_DATA;

    public static Optional<AlarmState> parse(String value) {
        for (AlarmState s : values()) {
            if (s.name().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
