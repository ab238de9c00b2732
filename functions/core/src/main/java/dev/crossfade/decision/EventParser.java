package dev.crossfade.decision;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an EventBridge event into a {@link DetectorEvent}. Anything unexpected (missing or
 * mistyped fields, truncation, a foreign source, account or alarm, a disabled region, an
 * oversized field) becomes {@link DetectorEvent.Rejected} with a reason naming the field; this
 * class never throws on input, except {@link NotJsonException} for bytes that are not JSON at all.
 */
public final class EventParser {

    public static final int MAX_EVENT_BYTES = 256 * 1024;
    static final int MAX_ALARM_NAME = 255;
    static final int MAX_FIELD = 1024;
    public static final Set<String> SIGNALS = Set.of("alb-5xx", "unhealthy-targets", "health-check", "canary", "composite");

    private static final Pattern NAME = Pattern.compile("^([a-z]{2}(?:-gov)?-[a-z]+-\\d)-([a-z0-9-]+)$");
    private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final Deployment deployment;

    public EventParser(Deployment deployment) {
        this.deployment = deployment;
    }

    /** The bytes are not JSON at all (as opposed to a JSON event that is wrong or cut short). */
    public static final class NotJsonException extends RuntimeException {
        public NotJsonException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public DetectorEvent parse(byte[] bytes) {
        return parse(bytes, false);
    }

    /**
     * For a file an operator gives ({@code crossfade decide --event}): like {@link #parse(byte[])},
     * but a document cut short is not JSON either ({@link NotJsonException}, exit 2), because a
     * file is complete or broken, never "an event still arriving".
     */
    public DetectorEvent parseFile(byte[] bytes) {
        return parse(bytes, true);
    }

    private DetectorEvent parse(byte[] bytes, boolean truncatedIsNotJson) {
        if (bytes.length > MAX_EVENT_BYTES) {
            return new DetectorEvent.Rejected("event is " + bytes.length + " bytes, above the EventBridge limit of " + MAX_EVENT_BYTES);
        }
        JsonValue root;
        try {
            // a field given twice is ambiguous (EventBridge's rule may have matched the other copy): rejected, never "last wins"
            root = JsonCodec.parseStrict(bytes);
        } catch (JsonEOFException e) {
            String reason = "event is truncated: JSON ends early at byte " + e.getLocation().getByteOffset();
            if (truncatedIsNotJson) {
                throw new NotJsonException(reason + " (not a complete JSON document)", e);
            }
            return new DetectorEvent.Rejected(reason);
        } catch (JsonProcessingException e) {
            if (e instanceof JsonParseException && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                return new DetectorEvent.Rejected("event is ambiguous: " + e.getOriginalMessage() + " (a field given twice)");
            }
            throw new NotJsonException("event is not JSON: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new NotJsonException("event is unreadable: " + e.getMessage(), e);
        }
        if (root.isMissing()) {
            return new DetectorEvent.Rejected("event is empty");
        }
        return parse(root);
    }

    /** Like {@link #parse(byte[])}, but a payload that is not JSON is a rejection too (the Lambda path). */
    public DetectorEvent parseLenient(byte[] bytes) {
        try {
            return parse(bytes);
        } catch (NotJsonException e) {
            return new DetectorEvent.Rejected(e.getMessage());
        }
    }

    public DetectorEvent parse(JsonValue root) {
        try {
            return read(root);
        } catch (Bad e) {
            return new DetectorEvent.Rejected(e.getMessage());
        }
    }

    private DetectorEvent read(JsonValue root) {
        if (!root.isObject()) {
            throw new Bad("event is not a JSON object but " + root.type());
        }
        String source = text(root, "source", MAX_FIELD);
        String detailType = text(root, "detail-type", MAX_FIELD);
        String account = text(root, "account", MAX_FIELD);
        deployment.account().filter(expected -> !expected.equals(account)).ifPresent(expected -> {
            throw new Bad("event from account " + account + ", not this application's account " + expected);
        });
        String observer = text(root, "region", MAX_FIELD);
        Instant time = time(root, "time");
        if (source.equals("aws.events") && detailType.equals("Scheduled Event")) {
            return new DetectorEvent.Tick(time);
        }
        if (source.equals("aws.states") && detailType.equals("Step Functions Execution Status Change")) {
            return runStatus(root, observer, time);
        }
        if (!source.equals("aws.cloudwatch") || !detailType.equals("CloudWatch Alarm State Change")) {
            throw new Bad("event from source '" + source + "' (" + detailType + ") is not a CloudWatch alarm state change");
        }
        checkRegion(observer, "region");
        JsonValue detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new Bad("field 'detail' is " + (detail == null ? "missing" : "not an object but " + detail.type()));
        }
        String alarmName = text(detail, "detail.alarmName", "alarmName", MAX_ALARM_NAME);
        JsonValue state = detail.get("state");
        if (state == null || !state.isObject()) {
            throw new Bad("field 'detail.state' is missing or not an object");
        }
        String value = text(state, "detail.state.value", "value", MAX_FIELD);
        AlarmState alarmState = AlarmState.parse(value)
                .orElseThrow(() -> new Bad("field 'detail.state.value' is '" + value + "', not ALARM, OK or INSUFFICIENT_DATA"));
        Instant at = state.has("timestamp") ? time(state, "detail.state.timestamp", "timestamp") : time;
        return alarm(alarmName, observer, alarmState, at);
    }

    /** Only this application's failover state machine, in an enabled region, with a known status. */
    private DetectorEvent runStatus(JsonValue root, String observer, Instant time) {
        checkRegion(observer, "region");
        JsonValue detail = root.get("detail");
        if (detail == null || !detail.isObject()) {
            throw new Bad("field 'detail' is " + (detail == null ? "missing" : "not an object but " + detail.type()));
        }
        String arn = text(detail, "detail.stateMachineArn", "stateMachineArn", MAX_FIELD);
        String machine = deployment.project() + "-" + deployment.environment() + "-failover";
        if (!arn.startsWith("arn:") || !arn.endsWith(":stateMachine:" + machine)) {
            throw new Bad("execution status of state machine '" + arn + "', not this application's " + machine);
        }
        String name = text(detail, "detail.name", "name", MAX_FIELD);
        String status = text(detail, "detail.status", "status", MAX_FIELD);
        if (!RUN_STATUSES.contains(status)) {
            throw new Bad("field 'detail.status' is '" + status + "', not one of " + new java.util.TreeSet<>(RUN_STATUSES));
        }
        return new DetectorEvent.RunStatus(name, status, observer, time);
    }

    static final Set<String> RUN_STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED");

    /**
     * An alarm read directly (not from an event), validated like one: {@code Rejected} when the
     * name is not this application's, names a disabled region or an unknown signal.
     */
    public DetectorEvent alarmChange(String alarmName, String observer, AlarmState state, Instant at) {
        try {
            checkRegion(observer, "region");
            return alarm(alarmName, observer, state, at);
        } catch (Bad e) {
            return new DetectorEvent.Rejected(e.getMessage());
        }
    }

    private DetectorEvent alarm(String alarmName, String observer, AlarmState state, Instant at) {
        String prefix = deployment.alarmPrefix();
        if (!alarmName.startsWith(prefix)) {
            throw new Bad("unknown alarm '" + alarmName + "': not named " + prefix + "<region>-<signal>");
        }
        Matcher m = NAME.matcher(alarmName.substring(prefix.length()));
        if (!m.matches()) {
            throw new Bad("unknown alarm '" + alarmName + "': not named " + prefix + "<region>-<signal>");
        }
        String region = m.group(1);
        String signal = m.group(2);
        checkRegion(region, "detail.alarmName");
        if (!SIGNALS.contains(signal)) {
            throw new Bad("unknown alarm '" + alarmName + "': signal '" + signal + "' is not one of " + new java.util.TreeSet<>(SIGNALS));
        }
        return new DetectorEvent.AlarmChange(alarmName, region, signal, observer, state, at);
    }

    private void checkRegion(String region, String field) {
        if (deployment.disabledRegions().contains(region)) {
            throw new Bad("region " + region + " (in '" + field + "') is disabled in the topology; ignored");
        }
        if (deployment.region(region).isEmpty()) {
            throw new Bad("region " + region + " (in '" + field + "') is not an enabled region of " + deployment.project() + "-" + deployment.environment());
        }
    }

    private static String text(JsonValue node, String field, int max) {
        return text(node, field, field, max);
    }

    private static String text(JsonValue node, String path, String field, int max) {
        JsonValue v = node.get(field);
        if (v == null || v.isNull()) {
            throw new Bad("field '" + path + "' is missing");
        }
        if (!v.isTextual()) {
            throw new Bad("field '" + path + "' is " + v.type() + ", expected a string");
        }
        String s = v.textValue();
        if (s.length() > max) {
            throw new Bad("field '" + path + "' is " + s.length() + " characters, above the limit of " + max);
        }
        return s;
    }

    private static Instant time(JsonValue node, String field) {
        return time(node, field, field);
    }

    private static Instant time(JsonValue node, String path, String field) {
        String s = text(node, path, field, 64);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s, CLOUDWATCH_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                throw new Bad("field '" + path + "' is '" + s + "', not a timestamp");
            }
        }
    }

    /** Internal control flow: one bad field ends parsing with its message. */
    private static final class Bad extends RuntimeException {
        Bad(String message) {
            super(message, null, false, false);
        }
    }
}
