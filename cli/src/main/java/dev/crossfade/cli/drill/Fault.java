package dev.crossfade.cli.drill;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The faults {@code drill --local --fault} injects into the failed region (docs/drill.md "Faults"). */
public enum Fault {
    /** Everything of the region unreachable: its app, its database server, its emulated AWS endpoints. */
    REGION_OUTAGE("region-outage"),
    /** Only the app's health endpoint stops answering. */
    HEALTH("health"),
    /** The region is cut off from the others (replication included) while its own clients still reach it. */
    PARTITION("partition"),
    /** The region's replica stops applying changes (replay paused). */
    REPLICATION_LAG("replication-lag"),
    /** The health endpoint fails and recovers over and over. */
    FLAP("flap");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Fault> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(Fault::key).toList());
    }
}
