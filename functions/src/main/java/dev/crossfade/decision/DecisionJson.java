package dev.crossfade.decision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** The JSON of a decision, as printed by {@code crossfade decide --json} and returned by the Lambda. */
public final class DecisionJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DecisionJson() {}

    public static ObjectNode toJson(Decision d) {
        ObjectNode o = MAPPER.createObjectNode();
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

    private static void put(ObjectNode o, String key, Optional<String> value) {
        value.ifPresentOrElse(v -> o.put(key, v), () -> o.putNull(key));
    }
}
