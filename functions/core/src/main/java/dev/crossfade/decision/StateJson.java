package dev.crossfade.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonObject;
import dev.crossfade.functions.json.JsonValue;
import java.io.IOException;
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

    private static final Set<String> TOP = Set.of("version", "regionsInTraffic", "signals", "lastExecutionAt", "openIncident",
            "replicaLagSeconds", "writerRegion", "standbysOut", "notFollowing");
    private static final Set<String> SIGNAL = Set.of("state", "since", "previous");
    private static final Set<String> LAG = Set.of("seconds", "readAt");
    private static final Set<String> INCIDENT = Set.of("id", "from", "to", "openedAt", "executionName", "started", "status", "runs");

    private StateJson() {}

    public static DetectorState read(String json) {
        JsonValue root;
        try {
            root = JsonCodec.parse(json);
        } catch (JsonProcessingException e) {
            throw new StateFormatException("state is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new StateFormatException("state is not JSON: " + e.getMessage());
        }
        if (!root.isObject()) {
            throw new StateFormatException("state must be a JSON object");
        }
        known(root, TOP, "");
        List<String> traffic = new ArrayList<>();
        optional(root, "regionsInTraffic").ifPresent(n -> n.elements().forEach(r -> traffic.add(r.asText())));
        Map<String, Map<String, SignalState>> signals = new LinkedHashMap<>();
        optional(root, "signals").ifPresent(n -> n.fields().forEach((region, byRegion) -> {
            Map<String, SignalState> byKey = new LinkedHashMap<>();
            byRegion.fields().forEach((key, sig) -> byKey.put(key, signal(sig, "signals." + region + "." + key)));
            signals.put(region, byKey);
        }));
        Map<String, LagReading> lag = new LinkedHashMap<>();
        optional(root, "replicaLagSeconds").ifPresent(n -> n.fields().forEach((region, reading) -> {
            String path = "replicaLagSeconds." + region;
            if (reading.isNumber()) {
                return; // an older form without the time of the reading: its age is unknown, so it is expired
            }
            known(reading, LAG, path + ".");
            JsonValue seconds = required(reading, "seconds", path);
            if (!seconds.isNumber()) {
                throw new StateFormatException(path + ".seconds must be a number");
            }
            lag.put(region, new LagReading(seconds.doubleValue(), instant(required(reading, "readAt", path), path + ".readAt")));
        }));
        List<String> standbys = new ArrayList<>();
        optional(root, "standbysOut").ifPresent(n -> n.elements().forEach(r -> standbys.add(r.asText())));
        List<String> notFollowing = new ArrayList<>();
        optional(root, "notFollowing").ifPresent(n -> n.elements().forEach(r -> notFollowing.add(r.asText())));
        return new DetectorState(
                optional(root, "version").map(JsonValue::asLong).orElse(0L),
                traffic, signals,
                optional(root, "lastExecutionAt").map(n -> instant(n, "lastExecutionAt")),
                optional(root, "openIncident").map(StateJson::incident),
                lag,
                optional(root, "writerRegion").map(JsonValue::asText),
                standbys, notFollowing);
    }

    public static String write(DetectorState s) {
        JsonObject root = new JsonObject();
        root.put("version", s.version());
        root.putValue("regionsInTraffic", List.copyOf(s.regionsInTraffic()));
        JsonObject signals = new JsonObject();
        root.putValue("signals", signals);
        s.signals().forEach((region, byKey) -> {
            JsonObject r = new JsonObject();
            signals.putValue(region, r);
            byKey.forEach((key, sig) -> {
                JsonObject o = new JsonObject();
                r.putValue(key, o);
                o.put("state", sig.state().name());
                o.put("since", sig.since().toString());
                sig.previous().ifPresent(p -> o.put("previous", p.name()));
            });
        });
        s.lastExecutionAt().ifPresentOrElse(t -> root.put("lastExecutionAt", t.toString()), () -> root.putNull("lastExecutionAt"));
        s.openIncident().ifPresentOrElse(i -> {
            JsonObject o = new JsonObject();
            root.putValue("openIncident", o);
            o.put("id", i.id()).put("from", i.from()).put("to", i.to()).put("openedAt", i.openedAt().toString());
            i.executionName().ifPresentOrElse(n -> o.put("executionName", n), () -> o.putNull("executionName"));
            o.put("started", i.started()).put("status", i.status()).put("runs", i.runs());
        }, () -> root.putNull("openIncident"));
        JsonObject lag = new JsonObject();
        root.putValue("replicaLagSeconds", lag);
        s.replicaLagSeconds().forEach((region, reading) -> {
            JsonObject o = new JsonObject();
            lag.putValue(region, o);
            o.putValue("seconds", reading.seconds());
            o.put("readAt", reading.readAt().toString());
        });
        s.writerRegion().ifPresentOrElse(w -> root.put("writerRegion", w), () -> root.putNull("writerRegion"));
        root.putValue("standbysOut", List.copyOf(s.standbysOut()));
        if (!s.notFollowing().isEmpty()) { // written only once a run recorded one: states from before keep their form
            root.putValue("notFollowing", List.copyOf(s.notFollowing()));
        }
        return root.toString();
    }

    private static SignalState signal(JsonValue n, String path) {
        known(n, SIGNAL, path + ".");
        return new SignalState(alarmState(required(n, "state", path), path + ".state"),
                instant(required(n, "since", path), path + ".since"),
                optional(n, "previous").map(p -> alarmState(p, path + ".previous")));
    }

    private static Incident incident(JsonValue n) {
        known(n, INCIDENT, "openIncident.");
        return new Incident(required(n, "id", "openIncident").asText(), required(n, "from", "openIncident").asText(),
                required(n, "to", "openIncident").asText(), instant(required(n, "openedAt", "openIncident"), "openIncident.openedAt"),
                optional(n, "executionName").map(JsonValue::asText), n.path("started").asBoolean(false),
                optional(n, "status").map(JsonValue::asText).orElse(Incident.EXECUTING),
                optional(n, "runs").map(v -> (int) v.asLong()).orElse(1));
    }

    private static AlarmState alarmState(JsonValue n, String path) {
        return AlarmState.parse(n.asText())
                .orElseThrow(() -> new StateFormatException(path + " is '" + n.asText() + "', not ALARM, OK or INSUFFICIENT_DATA"));
    }

    private static Instant instant(JsonValue n, String path) {
        try {
            return Instant.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new StateFormatException(path + " is '" + n.asText() + "', not an ISO-8601 instant like 2026-01-01T00:00:00Z");
        }
    }

    private static Optional<JsonValue> optional(JsonValue n, String key) {
        return Optional.ofNullable(n.get(key)).filter(v -> !v.isNull());
    }

    private static JsonValue required(JsonValue n, String key, String path) {
        return optional(n, key).orElseThrow(() -> new StateFormatException(path + "." + key + " is missing"));
    }

    private static void known(JsonValue n, Set<String> keys, String path) {
        if (!n.isObject()) {
            throw new StateFormatException((path.isEmpty() ? "state" : path) + " must be an object");
        }
        n.fields().keySet().forEach(k -> {
            if (!keys.contains(k)) {
                throw new StateFormatException("unknown key " + path + k + " (known: " + new java.util.TreeSet<>(keys) + ")");
            }
        });
    }
}
