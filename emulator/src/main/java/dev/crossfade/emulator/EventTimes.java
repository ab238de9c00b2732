package dev.crossfade.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-dates a sample event (events/*.json) to a chosen instant, keeping the gaps between its
 * timestamps. Tests and benchmarks whose handler runs on a clock that must agree with what the
 * emulator stamps (alarm states, datapoints within CloudWatch's retention) use it, so that a
 * sample written on one day still takes the same path on any later day (docs/testing.md).
 */
public final class EventTimes {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
    private static final Pattern EVENT_TIME = Pattern.compile("\"time\"\\s*:\\s*\"(" + TIMESTAMP.pattern() + ")");
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private EventTimes() {}

    /** Shifts every {@code yyyy-MM-ddTHH:mm:ss} in {@code json} by the same amount, so that {@code "time"} becomes {@code at}. */
    public static String movedTo(String json, Instant at) {
        Matcher time = EVENT_TIME.matcher(json);
        if (!time.find()) {
            throw new IllegalArgumentException("the event has no \"time\" field to move");
        }
        Duration shift = Duration.between(parse(time.group(1)), at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return TIMESTAMP.matcher(json).replaceAll(m -> FORMAT.format(LocalDateTime.ofInstant(parse(m.group()).plus(shift), ZoneOffset.UTC)));
    }

    private static Instant parse(String s) {
        return LocalDateTime.parse(s, FORMAT).toInstant(ZoneOffset.UTC);
    }
}
