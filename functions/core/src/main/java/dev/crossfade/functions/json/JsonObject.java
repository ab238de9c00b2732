package dev.crossfade.functions.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object under construction: fields in insertion order (a field put again keeps its
 * place), written compactly by {@link #toString()}.
 */
public final class JsonObject {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonObject put(String field, String value) {
        fields.put(field, value);
        return this;
    }

    public JsonObject put(String field, long value) {
        fields.put(field, value);
        return this;
    }

    public JsonObject put(String field, double value) {
        fields.put(field, value);
        return this;
    }

    public JsonObject put(String field, boolean value) {
        fields.put(field, value);
        return this;
    }

    /** A nested value: another {@code JsonObject}, a map, a list, a record, or {@code null}. */
    public JsonObject putValue(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    public JsonObject putNull(String field) {
        fields.put(field, null);
        return this;
    }

    public JsonObject putAll(JsonObject other) {
        fields.putAll(other.fields);
        return this;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    @Override
    public String toString() {
        return JsonCodec.write(fields);
    }
}
