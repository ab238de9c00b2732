package dev.crossfade.infra;

import dev.crossfade.infra.data.ReplicationPlan;
import dev.crossfade.topology.Topology;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which S3 replication rules the storage stacks carry (docs/data.md, "Active-active S3").
 * Two-way replication is a cycle: each region's rule names the other region's bucket, which must
 * already exist. On a fresh active-active environment, deploy once with
 * {@code -c replicationPhase=bootstrap} (the non-primary regions replicate nowhere yet), then
 * without it.
 */
public enum ReplicationPhase {

    /** The non-primary storage stacks get no replication rule; the primary's rules are complete. */
    BOOTSTRAP,
    /** Every rule of the replication plan. The default. */
    FULL;

    public static final String CONTEXT = "replicationPhase";

    /** The phase named by the context value; absent means {@link #FULL}. */
    public static ReplicationPhase fromContext(Object value) {
        if (value == null) {
            return FULL;
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.key().equals(text)).findFirst()
                .orElseThrow(() -> new AppInputException("context " + CONTEXT + " must be one of "
                        + Arrays.stream(values()).map(ReplicationPhase::key).collect(Collectors.joining(", "))
                        + ", got '" + value + "'"));
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    List<String> s3Destinations(ReplicationPlan plan, Topology.Region region) {
        if (this == BOOTSTRAP && !region.primary()) {
            return List.of();
        }
        return plan.s3Destinations(region.name());
    }
}
