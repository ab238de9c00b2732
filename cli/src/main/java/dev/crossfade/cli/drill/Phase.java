package dev.crossfade.cli.drill;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Objects;

/**
 * One measured phase of a drill, in wall-clock milliseconds since the drill started.
 *
 * @param timeScaled       true if the phase mostly waits on topology intervals that the time
 *                         scale shortened (detection); its real-world equivalent is then longer
 * @param equivalentMillis the phase's duration at real-world intervals (= duration when unscaled)
 */
@JsonIgnoreProperties(value = "durationMillis", allowGetters = true)
@JsonPropertyOrder({"name", "startMillis", "endMillis", "durationMillis", "timeScaled", "equivalentMillis"})
public record Phase(String name, long startMillis, long endMillis, boolean timeScaled, long equivalentMillis) {

    public static final String DETECTION = "detection";
    public static final String DECISION = "decision";
    public static final String FENCING = "fencing";
    public static final String PROMOTION = "promotion";
    public static final String TRAFFIC_SHIFT = "traffic-shift";
    public static final String VERIFICATION = "verification";
    /** The names a report may use, in the order a failover runs them. */
    public static final List<String> NAMES = List.of(DETECTION, DECISION, FENCING, PROMOTION, TRAFFIC_SHIFT, VERIFICATION);

    public Phase {
        Objects.requireNonNull(name, "name");
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown phase '" + name + "', expected one of " + NAMES);
        }
        if (startMillis < 0 || endMillis < startMillis) {
            throw new IllegalArgumentException("phase " + name + " ends (" + endMillis + ") before it starts (" + startMillis + ")");
        }
    }

    @JsonProperty("durationMillis")
    public long durationMillis() {
        return endMillis - startMillis;
    }
}
