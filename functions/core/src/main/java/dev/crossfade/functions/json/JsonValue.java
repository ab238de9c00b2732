package dev.crossfade.functions.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value, read only: the small part of a JSON tree the handlers need, over
 * jackson-core alone (databind would add its bytes and loaded classes to every Lambda jar; BENCHMARKS.md
 * measures both: section 1, "Jackson databind out of the handlers", and section 2).
 * Lookups never throw: {@link #path} of an absent field is {@link #MISSING}, whose text is empty.
 * The {@code as*} conversions follow the coercions of Jackson's {@code JsonNode}.
 */
public final class JsonValue {

    /** The types, named as Jackson's {@code JsonNodeType} names them (they appear in error messages). */
    public enum Type { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

    public static final JsonValue MISSING = new JsonValue(Type.MISSING, null);
    public static final JsonValue NULL = new JsonValue(Type.NULL, null);

    private final Type type;
    private final Object value;

    private JsonValue(Type type, Object value) {
        this.type = type;
        this.value = value;
    }

    static JsonValue object(Map<String, JsonValue> fields) {
        return new JsonValue(Type.OBJECT, Collections.unmodifiableMap(fields));
    }

    static JsonValue array(List<JsonValue> items) {
        return new JsonValue(Type.ARRAY, Collections.unmodifiableList(items));
    }

    static JsonValue of(String s) {
        return new JsonValue(Type.STRING, s);
    }

    static JsonValue of(Number n) {
        return new JsonValue(Type.NUMBER, n);
    }

    static JsonValue of(boolean b) {
        return new JsonValue(Type.BOOLEAN, b);
    }

    public Type type() {
        return type;
    }

    public boolean isObject() {
        return type == Type.OBJECT;
    }

    public boolean isArray() {
        return type == Type.ARRAY;
    }

    public boolean isTextual() {
        return type == Type.STRING;
    }

    public boolean isNumber() {
        return type == Type.NUMBER;
    }

    public boolean isBoolean() {
        return type == Type.BOOLEAN;
    }

    public boolean isNull() {
        return type == Type.NULL;
    }

    public boolean isMissing() {
        return type == Type.MISSING;
    }

    /** The field's value, or {@code null} when this is not an object or has no such field. */
    public JsonValue get(String field) {
        return isObject() ? fields().get(field) : null;
    }

    /** The field's value, or {@link #MISSING}. */
    public JsonValue path(String field) {
        JsonValue v = get(field);
        return v == null ? MISSING : v;
    }

    public boolean has(String field) {
        return get(field) != null;
    }

    /** An object's fields in document order; empty for any other type. */
    @SuppressWarnings("unchecked")
    public Map<String, JsonValue> fields() {
        return isObject() ? (Map<String, JsonValue>) value : Map.of();
    }

    /** An array's items, or an object's values (as Jackson iterates them); empty for a scalar. */
    @SuppressWarnings("unchecked")
    public List<JsonValue> elements() {
        return switch (type) {
            case ARRAY -> (List<JsonValue>) value;
            case OBJECT -> List.copyOf(fields().values());
            default -> List.of();
        };
    }

    /** The string of a string value, else {@code null}. */
    public String textValue() {
        return isTextual() ? (String) value : null;
    }

    /** A scalar as text ({@code "null"} for null); empty for an object, an array or a missing value. */
    public String asText() {
        return switch (type) {
            case STRING, NUMBER, BOOLEAN -> value.toString();
            case NULL -> "null";
            default -> "";
        };
    }

    /** Like {@link #asText()}, but the fallback for null or missing. */
    public String asText(String fallback) {
        return type == Type.NULL || type == Type.MISSING ? fallback : asText();
    }

    public double doubleValue() {
        return isNumber() ? ((Number) value).doubleValue() : 0.0;
    }

    public long asLong() {
        return switch (type) {
            case NUMBER -> ((Number) value).longValue();
            case BOOLEAN -> (Boolean) value ? 1 : 0;
            case STRING -> parseLong((String) value);
            default -> 0;
        };
    }

    public int asInt() {
        return (int) asLong();
    }

    public boolean asBoolean() {
        return asBoolean(false);
    }

    public boolean asBoolean(boolean fallback) {
        return switch (type) {
            case BOOLEAN -> (Boolean) value;
            case NUMBER -> value instanceof Double ? fallback : ((Number) value).longValue() != 0;
            case STRING -> "true".equals(((String) value).trim()) || !"false".equals(((String) value).trim()) && fallback;
            default -> fallback;
        };
    }

    Object raw() {
        return value;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(s.trim());
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonValue other && type == other.type && java.util.Objects.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + java.util.Objects.hashCode(value);
    }

    /** The value as compact JSON. */
    @Override
    public String toString() {
        return isMissing() ? "" : JsonCodec.write(this);
    }
}
