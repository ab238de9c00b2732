package dev.crossfade.functions.json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One log line in CloudWatch embedded metric format (EMF): written to stdout, Lambda ships it to
 * CloudWatch Logs, which extracts the metrics from it. No CloudWatch call, no
 * {@code cloudwatch:PutMetricData} permission, no latency on the path; the metric exists from
 * the first line that carries it. Built to AWS's specification ("Specification: Embedded metric
 * format", CloudWatch User Guide), whose rules this class enforces:
 * <ul>
 *   <li>"The LogEvent message MUST be a valid JSON object with no additional data at the beginning
 *       or end of the LogEvent message string": {@link #toString()} is one compact JSON object.</li>
 *   <li>"_aws" holds "CloudWatchMetrics" (an array of MetricDirective: Namespace, Dimensions,
 *       Metrics) and "Timestamp", "the number of milliseconds after Jan 1, 1970 00:00:00 UTC".</li>
 *   <li>"The root node MUST contain all Target Members defined by the references in the
 *       MetricDirective object": every dimension and metric value is a top-level member.</li>
 *   <li>A DimensionSet "MUST NOT contain more than 30 dimension keys"; Metrics "MUST NOT contain
 *       more than 100 MetricDefinition objects".</li>
 * </ul>
 * Other members may stand beside them (the step log's fields), as the specification allows.
 */
public final class EmbeddedMetrics {

    static final int MAX_DIMENSIONS = 30;
    static final int MAX_METRICS = 100;
    /** CloudWatch's units (StandardUnit), as the specification's Unit takes them. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes", "Megabytes", "Gigabytes",
            "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent", "Count", "Bytes/Second", "Kilobytes/Second",
            "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second", "Bits/Second", "Kilobits/Second", "Megabits/Second",
            "Gigabits/Second", "Terabits/Second", "Count/Second", "None");

    private final String namespace;
    private final long timestampMillis;
    private final Map<String, String> dimensions = new LinkedHashMap<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, String> units = new LinkedHashMap<>();
    private final JsonObject properties = new JsonObject();

    private EmbeddedMetrics(String namespace, Instant at) {
        this.namespace = requireName("namespace", namespace);
        this.timestampMillis = Objects.requireNonNull(at, "at").toEpochMilli();
    }

    /** A record in {@code namespace}, its datapoints dated {@code at}. */
    public static EmbeddedMetrics in(String namespace, Instant at) {
        return new EmbeddedMetrics(namespace, at);
    }

    /** A dimension of every metric of this record (one DimensionSet). */
    public EmbeddedMetrics dimension(String name, String value) {
        requireName("dimension name", name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("dimension " + name + " needs a non-empty value");
        }
        if (values.containsKey(name) || properties.fields().containsKey(name)) {
            throw new IllegalArgumentException("dimension " + name + " would overwrite a member of the same name");
        }
        if (!dimensions.containsKey(name) && dimensions.size() == MAX_DIMENSIONS) {
            throw new IllegalArgumentException("a DimensionSet holds at most " + MAX_DIMENSIONS + " dimensions; " + name + " is one too many");
        }
        dimensions.put(name, value);
        return this;
    }

    public EmbeddedMetrics metric(String name, double value, String unit) {
        requireName("metric name", name);
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("metric " + name + ": unit '" + unit + "' is not a CloudWatch unit; units: " + new java.util.TreeSet<>(UNITS));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("metric " + name + ": " + value + " is not a number CloudWatch takes");
        }
        if (dimensions.containsKey(name) || properties.fields().containsKey(name)) {
            throw new IllegalArgumentException("metric " + name + " would overwrite a member of the same name");
        }
        if (!values.containsKey(name) && values.size() == MAX_METRICS) {
            throw new IllegalArgumentException("a record holds at most " + MAX_METRICS + " metrics; " + name + " is one too many");
        }
        values.put(name, value);
        units.put(name, unit);
        return this;
    }

    /** A member beside the metrics (searchable in Logs Insights, not a metric). */
    public EmbeddedMetrics property(String name, String value) {
        requireName("property name", name);
        if (name.equals("_aws") || dimensions.containsKey(name) || values.containsKey(name)) {
            throw new IllegalArgumentException("property " + name + " would overwrite a member of the same name");
        }
        properties.put(name, value);
        return this;
    }

    /** The record as a JSON object: the properties, then {@code _aws}, the dimensions and the metric values. */
    public JsonObject toJson() {
        if (values.isEmpty()) {
            throw new IllegalStateException("an embedded metric format record needs at least one metric");
        }
        List<Map<String, Object>> definitions = new ArrayList<>();
        units.forEach((name, unit) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Name", name);
            d.put("Unit", unit);
            definitions.add(d);
        });
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.copyOf(dimensions.keySet())));
        directive.put("Metrics", definitions);
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", timestampMillis);
        aws.put("CloudWatchMetrics", List.of(directive));
        JsonObject o = new JsonObject().putAll(properties).putValue("_aws", aws);
        dimensions.forEach(o::put);
        values.forEach((name, value) -> o.put(name, value));
        return o;
    }

    @Override
    public String toString() {
        return toJson().toString();
    }

    private static String requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be empty");
        }
        if (name.length() > 255) {
            throw new IllegalArgumentException("the " + what + " '" + name.substring(0, 20) + "...' is longer than 255 characters");
        }
        return name;
    }
}
