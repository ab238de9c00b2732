package dev.crossfade.functions.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON into {@link JsonValue} trees and writes trees, maps, lists, records, enums and
 * scalars as compact JSON, on jackson-core's streaming API. Writing follows what Jackson's
 * {@code ObjectMapper} wrote before: record components in declaration order, nulls written,
 * enums by name.
 */
public final class JsonCodec {

    private static final JsonFactory LENIENT = new JsonFactory();
    // a field given twice is ambiguous: the strict factory rejects it instead of letting the last copy win
    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private JsonCodec() {}

    /**
     * The first JSON value of the input ({@link JsonValue#MISSING} for an empty input); a field
     * given twice keeps its last value.
     */
    public static JsonValue parse(String json) throws IOException {
        try (JsonParser p = LENIENT.createParser(json)) {
            return read(p);
        }
    }

    /** Like {@link #parse(String)}, but a field given twice is a {@code JsonParseException} "Duplicate field ...". */
    public static JsonValue parseStrict(byte[] json) throws IOException {
        try (JsonParser p = STRICT.createParser(json)) {
            return read(p);
        }
    }

    private static JsonValue read(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? JsonValue.MISSING : value(p, t);
    }

    private static JsonValue value(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                Map<String, JsonValue> fields = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    fields.put(name, value(p, p.nextToken()));
                }
                yield JsonValue.object(fields);
            }
            case START_ARRAY -> {
                List<JsonValue> items = new ArrayList<>();
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    items.add(value(p, i));
                }
                yield JsonValue.array(items);
            }
            case VALUE_STRING -> JsonValue.of(p.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> JsonValue.of(p.getNumberValue());
            case VALUE_TRUE -> JsonValue.of(true);
            case VALUE_FALSE -> JsonValue.of(false);
            case VALUE_NULL -> JsonValue.NULL;
            default -> throw new IOException("unexpected JSON token " + t);
        };
    }

    /** Compact JSON of a tree, map, iterable, array, record, enum (its name), string, number, boolean or null. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = LENIENT.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case JsonValue j -> writeTree(g, j);
            case JsonObject o -> write(g, o.fields());
            case CharSequence s -> g.writeString(s.toString());
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Short s -> g.writeNumber(s);
            case Byte b -> g.writeNumber(b);
            case Double d -> g.writeNumber(d);
            case Float f -> g.writeNumber(f);
            case BigInteger b -> g.writeNumber(b);
            case BigDecimal b -> g.writeNumber(b);
            case Enum<?> e -> g.writeString(e.name());
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName(String.valueOf(e.getKey()));
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            case Record r -> {
                g.writeStartObject();
                for (RecordComponent c : r.getClass().getRecordComponents()) {
                    g.writeFieldName(c.getName());
                    write(g, Records.component(r, c));
                }
                g.writeEndObject();
            }
            default -> {
                if (!v.getClass().isArray()) {
                    throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
                }
                g.writeStartArray();
                for (int i = 0; i < Array.getLength(v); i++) {
                    write(g, Array.get(v, i));
                }
                g.writeEndArray();
            }
        }
    }

    private static void writeTree(JsonGenerator g, JsonValue j) throws IOException {
        switch (j.type()) {
            case OBJECT -> write(g, j.fields());
            case ARRAY -> write(g, j.elements());
            case MISSING, NULL -> g.writeNull();
            default -> write(g, j.raw());
        }
    }
}
