package dev.crossfade.decision;

import dev.crossfade.functions.json.JsonObject;
import java.util.Optional;

/** The JSON of a decision, as printed by {@code crossfade decide --json} and returned by the Lambda. */
public final class DecisionJson {

    private DecisionJson() {}

    /** The decision's fields in a fixed order, absent ones as null; {@code toString()} is the JSON. */
    public static JsonObject toJson(Decision d) {
        JsonObject o = new JsonObject();
        o.put("action", d.action().name());
        put(o, "from", d.from());
        put(o, "to", d.to());
        o.put("reason", d.reason());
        put(o, "executionName", d.executionName());
        put(o, "incidentId", d.incidentId());
        put(o, "region", d.subject());
        o.put("approvalRequired", d.approvalRequired());
        return o;
    }

    private static void put(JsonObject o, String key, Optional<String> value) {
        value.ifPresentOrElse(v -> o.put(key, v), () -> o.putNull(key));
    }
}
