package dev.crossfade.cli.drill;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Words a threshold crossing the way CloudWatch does, in {@code reason} and {@code reasonData}. */
final class AlarmReason {

    static final String STATISTIC = "Minimum";
    static final double THRESHOLD = 1.0;
    static final DateTimeFormatter STATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter POINT_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlarmReason() {}

    /** @param newestFirst the datapoints that crossed, most recent first (CloudWatch's order) */
    static AlarmStateDetail thresholdCrossed(CanaryAlarmSpec spec, List<CanaryAlarm.Datapoint> newestFirst,
                                       String target, Instant at) {
        int n = newestFirst.size();
        boolean alarm = AlarmStateDetail.ALARM.equals(target);
        String points = newestFirst.stream()
                .map(p -> p.value() + " (" + POINT_TIME.format(p.time()) + ")")
                .collect(Collectors.joining(", ", "[", "]"));
        String comparison = (alarm ? "" : "not ") + "less than the threshold (" + THRESHOLD + ")";
        String transition = alarm ? "OK -> ALARM" : "ALARM -> OK";
        String minimum = "(minimum " + n + (n == 1 ? " datapoint" : " datapoints") + " for " + transition + " transition).";
        String reason = n == 1
                ? "Threshold Crossed: 1 out of the last 1 datapoints " + points + " was " + comparison + " " + minimum
                : "Threshold Crossed: " + n + " out of the last " + n + " datapoints were " + comparison
                        + ". The most recent datapoints which crossed the threshold: " + points + " " + minimum;
        return new AlarmStateDetail(target, reason, reasonData(spec, newestFirst, at), at);
    }

    private static String reasonData(CanaryAlarmSpec spec, List<CanaryAlarm.Datapoint> newestFirst, Instant at) {
        ObjectNode data = JSON.createObjectNode();
        data.put("version", "1.0");
        data.put("queryDate", STATE_TIME.format(at));
        data.put("startDate", STATE_TIME.format(newestFirst.getLast().time()));
        data.put("statistic", STATISTIC);
        data.put("period", spec.periodSeconds());
        var recent = data.putArray("recentDatapoints");
        newestFirst.reversed().forEach(p -> recent.add(p.value()));
        data.put("threshold", THRESHOLD);
        return data.toString();
    }
}
