package dev.crossfade.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The JSON form of {@link DetectorState} (docs/detection.md "State format"); unknown keys are errors. */
public final class StateJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> TOP = Set.of("version", "regionsInTraffic", "signals", "lastExecutionAt", "openIncident", "replicaLagSeconds");
    private static final Set<String> SIGNAL = Set.of("state", "since", "previous");
    private static final Set<String> INCIDENT = Set.of("id", "from", "to", "openedAt", "executionName", "started", "status");

    private StateJson() {}

    public static DetectorState read(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StateFormatException("state is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new StateFormatException("state must be a JSON object");
        }
        known(root, TOP, "");
        List<String> traffic = new ArrayList<>();
        optional(root, "regionsInTraffic").ifPresent(n -> n.forEach(r -> traffic.add(r.asText())));
        Map<String, Map<String, SignalState>> signals = new LinkedHashMap<>();
        optional(root, "signals").ifPresent(n -> n.properties().forEach(region -> {
            Map<String, SignalState> byKey = new LinkedHashMap<>();
            region.getValue().properties().forEach(sig -> byKey.put(sig.getKey(),
                    signal(sig.getValue(), "signals." + region.getKey() + "." + sig.getKey())));
            signals.put(region.getKey(), byKey);
        }));
        Map<String, Double> lag = new LinkedHashMap<>();
        optional(root, "replicaLagSeconds").ifPresent(n -> n.properties().forEach(e -> {
            if (!e.getValue().isNumber()) {
                throw new StateFormatException("replicaLagSeconds." + e.getKey() + " must be a number");
            }
            lag.put(e.getKey(), e.getValue().doubleValue());
        }));
        return new DetectorState(
                optional(root, "version").map(JsonNode::asLong).orElse(0L),
                traffic, signals,
                optional(root, "lastExecutionAt").map(n -> instant(n, "lastExecutionAt")),
                optional(root, "openIncident").map(StateJson::incident),
                lag);
    }

    public static String write(DetectorState s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", s.version());
        s.regionsInTraffic().forEach(root.putArray("regionsInTraffic")::add);
        ObjectNode signals = root.putObject("signals");
        s.signals().forEach((region, byKey) -> {
            ObjectNode r = signals.putObject(region);
            byKey.forEach((key, sig) -> {
                ObjectNode o = r.putObject(key);
                o.put("state", sig.state().name());
                o.put("since", sig.since().toString());
                sig.previous().ifPresent(p -> o.put("previous", p.name()));
            });
        });
        s.lastExecutionAt().ifPresentOrElse(t -> root.put("lastExecutionAt", t.toString()), () -> root.putNull("lastExecutionAt"));
        s.openIncident().ifPresentOrElse(i -> {
            ObjectNode o = root.putObject("openIncident");
            o.put("id", i.id()).put("from", i.from()).put("to", i.to()).put("openedAt", i.openedAt().toString());
            i.executionName().ifPresentOrElse(n -> o.put("executionName", n), () -> o.putNull("executionName"));
            o.put("started", i.started()).put("status", i.status());
        }, () -> root.putNull("openIncident"));
        ObjectNode lag = root.putObject("replicaLagSeconds");
        s.replicaLagSeconds().forEach(lag::put);
        return root.toString();
    }

    private static SignalState signal(JsonNode n, String path) {
        known(n, SIGNAL, path + ".");
        return new SignalState(alarmState(required(n, "state", path), path + ".state"),
                instant(required(n, "since", path), path + ".since"),
                optional(n, "previous").map(p -> alarmState(p, path + ".previous")));
    }

    private static Incident incident(JsonNode n) {
        known(n, INCIDENT, "openIncident.");
        return new Incident(required(n, "id", "openIncident").asText(), required(n, "from", "openIncident").asText(),
                required(n, "to", "openIncident").asText(), instant(required(n, "openedAt", "openIncident"), "openIncident.openedAt"),
                optional(n, "executionName").map(JsonNode::asText), n.path("started").asBoolean(false),
                optional(n, "status").map(JsonNode::asText).orElse(Incident.EXECUTING));
    }

    private static AlarmState alarmState(JsonNode n, String path) {
        return AlarmState.parse(n.asText())
                .orElseThrow(() -> new StateFormatException(path + " is '" + n.asText() + "', not ALARM, OK or INSUFFICIENT_DATA"));
    }

    private static Instant instant(JsonNode n, String path) {
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new StateFormatException(path + " is '" + n.asText() + "', not an ISO-8601 instant like 2026-01-01T00:00:00Z");
        }
    }

    private static Optional<JsonNode> optional(JsonNode n, String key) {
        return Optional.ofNullable(n.get(key)).filter(v -> !v.isNull());
    }

    private static JsonNode required(JsonNode n, String key, String path) {
        return optional(n, key).orElseThrow(() -> new StateFormatException(path + "." + key + " is missing"));
    }

    private static void known(JsonNode n, Set<String> keys, String path) {
        if (!n.isObject()) {
            throw new StateFormatException((path.isEmpty() ? "state" : path) + " must be an object");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!keys.contains(k)) {
                throw new StateFormatException("unknown key " + path + k + " (known: " + new java.util.TreeSet<>(keys) + ")");
            }
        });
    }
}
