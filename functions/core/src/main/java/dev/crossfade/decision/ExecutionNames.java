package dev.crossfade.decision;

import java.time.Duration;
import java.time.Instant;

/**
 * Deterministic workflow execution names: two detectors (or two deliveries of one event) that
 * decide the same failover compute the same name, and Step Functions refuses the second start.
 */
public final class ExecutionNames {

    private static final int MAX_LENGTH = 80;

    private ExecutionNames() {}

    /**
     * {@code <from>-to-<to>-<bucket>}, where bucket is the detection time floored to the
     * cooldown (at least a minute), so near-simultaneous detections share one name.
     */
    public static String of(String from, String to, Instant detectedAt, Duration cooldown) {
        long window = Math.max(60, cooldown.toSeconds());
        long bucket = Math.floorDiv(detectedAt.getEpochSecond(), window) * window;
        String name = (from + "-to-" + to + "-" + bucket).replaceAll("[^A-Za-z0-9_-]", "-");
        return name.length() <= MAX_LENGTH ? name : name.substring(name.length() - MAX_LENGTH);
    }
}
