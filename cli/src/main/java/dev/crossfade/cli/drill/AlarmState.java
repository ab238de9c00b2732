package dev.crossfade.cli.drill;

import java.time.Instant;
import java.util.Objects;

/**
 * One state of a CloudWatch alarm as the state-change event carries it.
 *
 * @param value      OK, ALARM or INSUFFICIENT_DATA
 * @param reasonData the JSON string CloudWatch puts beside the reason; null for the initial state
 */
public record AlarmState(String value, String reason, String reasonData, Instant timestamp) {

    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    public AlarmState {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The state of a newly created alarm, as CloudWatch words it. */
    public static AlarmState created(Instant at) {
        return new AlarmState(INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", null, at);
    }
}
