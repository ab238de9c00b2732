package dev.crossfade.cli.drill;

import java.time.Instant;
import java.util.Objects;

/**
 * One state of a CloudWatch alarm as the state-change event carries it ({@code detail.state}:
 * value, reason, reasonData, timestamp), for the events the drill's canary alarms raise. The
 * detector's view of an alarm state is {@code dev.crossfade.decision.AlarmState}, the value alone.
 *
 * @param value      OK, ALARM or INSUFFICIENT_DATA
 * @param reasonData the JSON string CloudWatch puts beside the reason; null for the initial state
 */
public record AlarmStateDetail(String value, String reason, String reasonData, Instant timestamp) {

    public static final String OK = "OK";
    public static final String ALARM = "ALARM";
    public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

    public AlarmStateDetail {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The state of a newly created alarm, as CloudWatch words it. */
    public static AlarmStateDetail created(Instant at) {
        return new AlarmStateDetail(INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", null, at);
    }
}
