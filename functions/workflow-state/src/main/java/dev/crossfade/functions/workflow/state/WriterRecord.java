package dev.crossfade.functions.workflow.state;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Which region's database is the writer, as the last run that moved it recorded: an item
 * {@code writer#<application>} ({@code region}, {@code setAt} epoch millis, {@code setBy} the
 * execution) in the state table of every enabled region ({@link StateTables}). {@code RecordRun}
 * writes it when the run's target became the writer, before the run lock is released; each
 * region's {@code WriterGuard} (workflow-database) reads it to fence an old primary that comes back from an outage as
 * a writer. Without any record, the topology's primary is the writer (no run ever moved it).
 */
public final class WriterRecord {

    /**
     * The recorded writer: its region, when and by which execution it was recorded, and the regions
     * whose database does not follow it (the old primaries not failed back: never a failover target).
     */
    public record Writer(String region, long setAtMillis, String setBy, List<String> notFollowing) {
        public Writer(String region, long setAtMillis, String setBy) {
            this(region, setAtMillis, setBy, List.of());
        }
    }

    private final StateTables tables;
    private final String application;

    public WriterRecord(AwsClients clients, WorkflowConfig config) {
        this.tables = new StateTables(clients, config);
        this.application = config.application();
    }

    public static String key(String application) {
        return "writer#" + application;
    }

    /** Records {@code region} as the writer in every enabled region's table that answers; returns the regions written. */
    public List<String> write(String region, String setBy, Instant at) {
        return write(region, List.of(), setBy, at);
    }

    /** @param notFollowing the regions whose database does not follow {@code region} (never a failover target) */
    public List<String> write(String region, List<String> notFollowing, String setBy, Instant at) {
        StateTables.Written written = tables.putNewest(List.of(Map.of(
                "pk", AttributeValue.fromS(key(application)),
                "region", AttributeValue.fromS(region),
                "notFollowing", AttributeValue.fromL(notFollowing.stream().map(AttributeValue::fromS).toList()),
                "setAt", AttributeValue.fromN(Long.toString(at.toEpochMilli())),
                "setBy", AttributeValue.fromS(setBy))), "writer record");
        List<String> all = new java.util.ArrayList<>(written.written());
        written.unwritten().forEach(u -> all.add("unwritten " + u));
        return all;
    }

    /** The newest record over every enabled region's table that answers. */
    public Optional<Writer> read() {
        return tables.newest(key(application)).map(WriterRecord::writer);
    }

    public static Writer writer(Map<String, AttributeValue> item) {
        return new Writer(item.get("region").s(), Long.parseLong(item.get("setAt").n()), item.containsKey("setBy") ? item.get("setBy").s() : "",
                item.containsKey("notFollowing") ? item.get("notFollowing").l().stream().map(AttributeValue::s).toList() : List.of());
    }

    /**
     * Who does not follow the new writer {@code to} after a run from {@code from}: the old primary
     * (fenced, or back from an outage: a standalone database) and every region an earlier record
     * listed, except {@code to} (made the writer, e.g. by failback, which rebuilt it first). A
     * region a later rebuild re-pointed stays listed until a run makes it the writer: conservative,
     * never a stale target.
     */
    public static List<String> notFollowing(String from, String to, Optional<Writer> previous) {
        java.util.LinkedHashSet<String> regions = new java.util.LinkedHashSet<>();
        previous.ifPresent(p -> regions.addAll(p.notFollowing()));
        regions.add(from);
        regions.remove(to);
        return List.copyOf(regions);
    }

    /**
     * The region a finished run left as the writer, from its execution state: the target, once its
     * promotion completed ({@code $.promotionStatus}) or the rollback found it already promoted
     * ({@code $.unfence.targetPromoted}); otherwise the run moved no writer.
     */
    public static Optional<String> of(dev.crossfade.functions.json.JsonValue state) {
        String to = state.path("to").asText(null);
        if (to == null) {
            return Optional.empty();
        }
        boolean promoted = !state.path("promotionStatus").isMissing() && !state.path("promotionStatus").isNull();
        boolean kept = state.path("unfence").path("targetPromoted").asBoolean(false);
        return promoted || kept ? Optional.of(to) : Optional.empty();
    }
}
