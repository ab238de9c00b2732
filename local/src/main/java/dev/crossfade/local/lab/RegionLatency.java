package dev.crossfade.local.lab;

import java.time.Duration;
import java.util.Map;

/**
 * Round-trip times between AWS regions that the lab's replication links carry (docs/emulation.md
 * "Real databases"): typical published inter-region figures, rounded; a pair not in the table gets
 * 30 ms within a continent and 150 ms across. The delay is real time, not time-scaled: replication
 * lag and the writes it can lose are physical, and scaling them down would hide them.
 */
public final class RegionLatency {

    private static final Map<String, Integer> RTT_MILLIS = Map.ofEntries(
            Map.entry("eu-west-1|us-east-1", 70),
            Map.entry("us-east-1|us-west-2", 65),
            Map.entry("ap-south-1|us-east-1", 190),
            Map.entry("ap-southeast-1|us-east-1", 215),
            Map.entry("ap-southeast-2|us-east-1", 200),
            Map.entry("ap-southeast-1|eu-west-1", 170),
            Map.entry("ap-southeast-2|eu-west-1", 255),
            Map.entry("ap-south-1|eu-west-1", 120),
            Map.entry("eu-central-1|eu-west-1", 25),
            Map.entry("eu-west-1|us-west-2", 125),
            Map.entry("sa-east-1|us-east-1", 115));

    private RegionLatency() {}

    public static Duration roundTrip(String a, String b) {
        if (a.equals(b)) {
            return Duration.ZERO;
        }
        String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        Integer millis = RTT_MILLIS.get(key);
        if (millis == null) {
            millis = continent(a).equals(continent(b)) ? 30 : 150;
        }
        return Duration.ofMillis(millis);
    }

    public static Duration oneWay(String a, String b) {
        return roundTrip(a, b).dividedBy(2);
    }

    private static String continent(String region) {
        return region.substring(0, region.indexOf('-'));
    }
}
