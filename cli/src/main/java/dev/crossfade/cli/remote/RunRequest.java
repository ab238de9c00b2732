package dev.crossfade.cli.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One run to start: the workflow input (docs/workflow.md) and the execution name, which is also
 * the incident id. The name is deterministic per mode, regions and UTC minute, so a start repeated
 * by mistake within the minute is refused by Step Functions instead of running twice.
 */
public record RunRequest(WorkflowMode mode, String from, String to, String reason, String name) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    /** The longest execution name Step Functions allows. */
    static final int MAX_NAME = 80;

    public RunRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        if (name == null || name.isEmpty() || name.length() > MAX_NAME) {
            throw new IllegalArgumentException("an execution name has 1 to " + MAX_NAME + " characters: " + name);
        }
    }

    public static RunRequest of(WorkflowMode mode, String from, String to, String reason, Instant now) {
        return new RunRequest(mode, from, to, reason, executionName(mode, from, to, now));
    }

    /** e.g. {@code manual-us-east-1-to-eu-west-1-20261122-0315} (at most {@link #MAX_NAME} characters, as AWS allows). */
    public static String executionName(WorkflowMode mode, String from, String to, Instant now) {
        String prefix = switch (mode) {
            case FAILOVER -> "manual";
            case SWITCHOVER -> "drill";
            case FAILBACK -> "failback";
            case DRY_RUN -> "dryrun";
        };
        String name = prefix + "-" + from + "-to-" + to + "-" + MINUTE.format(now);
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    /** The execution input, {@code {"mode","from","to","reason","incidentId"}}. */
    public String inputJson() {
        var o = new ObjectMapper().createObjectNode()
                .put("mode", mode.key()).put("from", from).put("to", to).put("reason", reason).put("incidentId", name);
        return o.toString();
    }
}
