package dev.crossfade.cli.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * The EventBridge event CloudWatch delivers when a canary alarm changes state, field for field
 * as in the CloudWatch user guide ("Alarm events and EventBridge", single-metric alarm). The
 * event's {@code region} and {@code account} are the watching region's, where the alarm lives.
 */
public final class CanaryAlarmEvent {

    private static final DateTimeFormatter EVENT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CanaryAlarmEvent() {}

    public static String toJson(CanaryAlarmSpec spec, CanaryAlarm.Change change) {
        Instant time = change.current().timestamp();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "CloudWatch Alarm State Change");
        event.put("source", "aws.cloudwatch");
        event.put("account", spec.account());
        event.put("time", EVENT_TIME.format(time));
        event.put("region", spec.alarmRegion());
        event.putArray("resources").add(spec.arn());
        ObjectNode detail = event.putObject("detail");
        detail.put("alarmName", spec.name());
        detail.set("configuration", configuration(spec));
        detail.set("previousState", state(change.previous()));
        detail.set("state", state(change.current()));
        return event.toString();
    }

    private static ObjectNode configuration(CanaryAlarmSpec spec) {
        ObjectNode configuration = JSON.createObjectNode();
        configuration.put("description", "Canary in " + spec.alarmRegion() + " probing the health endpoint of "
                + spec.watchedRegion() + "; ALARM after " + spec.threshold() + " failed probes in a row");
        ObjectNode metric = configuration.putArray("metrics").addObject();
        metric.put("id", "m1");
        ObjectNode metricStat = metric.putObject("metricStat");
        ObjectNode m = metricStat.putObject("metric");
        m.putObject("dimensions").put("TargetRegion", spec.watchedRegion());
        m.put("name", CanaryAlarmSpec.METRIC);
        m.put("namespace", CanaryAlarmSpec.NAMESPACE);
        metricStat.put("period", spec.periodSeconds());
        metricStat.put("stat", AlarmReason.STATISTIC);
        metric.put("returnData", true);
        return configuration;
    }

    private static ObjectNode state(AlarmStateDetail state) {
        ObjectNode node = JSON.createObjectNode();
        node.put("reason", state.reason());
        if (state.reasonData() != null) {
            node.put("reasonData", state.reasonData());
        }
        node.put("timestamp", AlarmReason.STATE_TIME.format(state.timestamp()));
        node.put("value", state.value());
        return node;
    }
}
