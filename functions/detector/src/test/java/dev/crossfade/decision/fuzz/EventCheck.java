package dev.crossfade.decision.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.decision.AlarmState;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.RegionSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The oracle's own reading of docs/detection.md "Bad input": which payloads are well-formed events
 * of this application. Everything else must be answered NONE. Independent of {@code EventParser}:
 * it checks the documented conditions as one conjunction, with its own JSON reader that also
 * refuses duplicate keys (an ambiguous document is not a well-formed event).
 */
final class EventCheck {

    static final int MAX_EVENT_BYTES = 256 * 1024;
    static final List<String> SIGNALS = List.of("alb-5xx", "unhealthy-targets", "health-check", "canary", "composite");
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final DateTimeFormatter CLOUDWATCH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    private static final java.util.regex.Pattern RFC3339 =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)");
    private static final java.util.regex.Pattern CLOUDWATCH_SHAPE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}");

    /**
     * A well-formed event: an alarm change ({@code alarm} present), the status of one of this
     * application's failover runs ({@code run} present), or a scheduled tick (neither).
     */
    record Accepted(Optional<Alarm> alarm, Optional<Run> run) {
        static Accepted tick() {
            return new Accepted(Optional.empty(), Optional.empty());
        }
    }

    record Alarm(String watchedRegion, String signal, String observer, AlarmState state, Instant at) {}

    /** docs/detection.md "Run outcomes": a Step Functions execution status change of the failover state machine. */
    record Run(String executionName, String status) {}

    static final List<String> RUN_STATUSES = List.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    private EventCheck() {}

    static Optional<Accepted> accept(Deployment d, byte[] bytes) {
        if (bytes.length > MAX_EVENT_BYTES) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = STRICT.readTree(bytes);
        } catch (Exception notJsonOrAmbiguous) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        Optional<String> source = string(root.get("source"), 1024);
        Optional<String> detailType = string(root.get("detail-type"), 1024);
        Optional<String> account = string(root.get("account"), 1024);
        Optional<String> region = string(root.get("region"), 1024);
        Optional<Instant> time = string(root.get("time"), 1024).flatMap(EventCheck::timestamp);
        if (source.isEmpty() || detailType.isEmpty() || account.isEmpty() || region.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        if (d.account().isPresent() && !d.account().get().equals(account.get())) {
            return Optional.empty();
        }
        if (source.get().equals("aws.events") && detailType.get().equals("Scheduled Event")) {
            return Optional.of(Accepted.tick()); // a tick carries only its time
        }
        if (source.get().equals("aws.states") && detailType.get().equals("Step Functions Execution Status Change")) {
            return run(d, region.get(), root.get("detail"));
        }
        if (!source.get().equals("aws.cloudwatch") || !detailType.get().equals("CloudWatch Alarm State Change")) {
            return Optional.empty();
        }
        if (!enabled(d, region.get())) {
            return Optional.empty();
        }
        JsonNode detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            return Optional.empty();
        }
        JsonNode state = detail.get("state");
        Optional<String> name = string(detail.get("alarmName"), 255);
        if (name.isEmpty() || state == null || !state.isObject()) {
            return Optional.empty();
        }
        Optional<AlarmState> value = string(state.get("value"), 1024).flatMap(v -> switch (v) {
            case "ALARM" -> Optional.of(AlarmState.ALARM);
            case "OK" -> Optional.of(AlarmState.OK);
            case "INSUFFICIENT_DATA" -> Optional.of(AlarmState.INSUFFICIENT_DATA);
            default -> Optional.empty();
        });
        Optional<Instant> at = state.has("timestamp") ? string(state.get("timestamp"), 1024).flatMap(EventCheck::timestamp) : time;
        if (value.isEmpty() || at.isEmpty()) {
            return Optional.empty();
        }
        String prefix = d.project() + "-" + d.environment() + "-";
        if (!name.get().startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = name.get().substring(prefix.length());
        for (RegionSpec watched : d.regions()) {
            for (String signal : SIGNALS) {
                if (rest.equals(watched.name() + "-" + signal)) {
                    return Optional.of(new Accepted(Optional.of(new Alarm(watched.name(), signal, region.get(), value.get(), at.get())),
                            Optional.empty()));
                }
            }
        }
        return Optional.empty(); // another application, a disabled or unknown region, an unknown signal
    }

    /** Only this application's state machine ({@code <project>-<environment>-failover}), from an enabled region, a known status. */
    private static Optional<Accepted> run(Deployment d, String region, JsonNode detail) {
        if (!enabled(d, region) || detail == null || !detail.isObject()) {
            return Optional.empty();
        }
        Optional<String> machine = string(detail.get("stateMachineArn"), 1024);
        Optional<String> name = string(detail.get("name"), 1024);
        Optional<String> status = string(detail.get("status"), 1024);
        String ours = ":stateMachine:" + d.project() + "-" + d.environment() + "-failover";
        if (machine.isEmpty() || !machine.get().startsWith("arn:") || !machine.get().endsWith(ours)
                || name.isEmpty() || status.isEmpty() || !RUN_STATUSES.contains(status.get())) {
            return Optional.empty();
        }
        return Optional.of(new Accepted(Optional.empty(), Optional.of(new Run(name.get(), status.get()))));
    }

    private static boolean enabled(Deployment d, String region) {
        return d.regions().stream().anyMatch(r -> r.name().equals(region)) && !d.disabledRegions().contains(region);
    }

    private static Optional<String> string(JsonNode n, int max) {
        return n != null && n.isTextual() && n.textValue().length() <= max ? Optional.of(n.textValue()) : Optional.empty();
    }

    /**
     * RFC 3339 as EventBridge writes {@code time} ({@code Z} or {@code +hh:mm}; Java also reads
     * {@code +hh:mm:ss}), or CloudWatch's {@code 2026-11-22T10:00:00.000+0000}; nothing looser.
     */
    private static Optional<Instant> timestamp(String s) {
        try {
            if (RFC3339.matcher(s).matches()) {
                return Optional.of(OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
            }
            if (CLOUDWATCH_SHAPE.matcher(s).matches()) {
                return Optional.of(OffsetDateTime.parse(s, CLOUDWATCH).toInstant());
            }
            return Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
