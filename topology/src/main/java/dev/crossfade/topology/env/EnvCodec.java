package dev.crossfade.topology.env;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.crossfade.topology.Topology;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one codec of the Lambda environment records ({@link DetectorEnv}, {@link WorkflowEnv},
 * {@link ReplicaPlacementEnv}): compact JSON written with jackson-core's {@link JsonGenerator} and read
 * with its {@link JsonParser} into plain maps, lists, strings, numbers and booleans. Strings are
 * written as they are, so a CDK token ({@code ${Token[TOKEN.123]}}) passes through for CDK to resolve.
 * Every error names the variable.
 */
final class EnvCodec {

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private EnvCodec() {}

    /** Compact JSON of a tree of maps (string keys), lists, strings, integers, booleans and nulls. */
    static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Integer i -> g.writeNumber(i);
            case Boolean b -> g.writeBoolean(b);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    writeValue(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object element : l) {
                    writeValue(g, element);
                }
                g.writeEndArray();
            }
            default -> throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as environment JSON");
        }
    }

    /** The variable's value; missing or blank is an error naming it. */
    static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new EnvException("environment variable " + name + " is not set");
        }
        return value;
    }

    /** The variable's value, empty when missing or blank. */
    static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(s -> !s.isBlank());
    }

    /** {@code CROSSFADE_MODE}: active-passive when missing. */
    static Topology.Mode mode(Map<String, String> env, String name) {
        String key = env.getOrDefault(name, Topology.Mode.ACTIVE_PASSIVE.key());
        return Arrays.stream(Topology.Mode.values()).filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new EnvException(name + " '" + key + "' is not active-passive or active-active"));
    }

    /** The variable's JSON object. */
    static Fields object(Map<String, String> env, String name) {
        return asObject(parse(name, required(env, name)), name, name);
    }

    /** The variable's JSON array. */
    static List<Object> array(Map<String, String> env, String name) {
        if (!(parse(name, required(env, name)) instanceof List<?> list)) {
            throw new EnvException("environment variable " + name + " is not a JSON array");
        }
        return new ArrayList<>(list);
    }

    /** An element of a variable's JSON, as an object; {@code what} says which element. */
    static Fields asObject(Object value, String name, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new EnvException("environment variable " + name + ": " + what + " is not a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((k, v) -> fields.put((String) k, v));
        return new Fields(name, fields);
    }

    /** An element of a variable's JSON, as a string. */
    static String asString(Object value, String name, String what) {
        if (!(value instanceof String s)) {
            throw new EnvException("environment variable " + name + ": " + what + " is not a string");
        }
        return s;
    }

    private static Object parse(String name, String text) {
        try (JsonParser p = JSON.createParser(text)) {
            Object value = read(p, p.nextToken());
            if (p.nextToken() != null) {
                throw new EnvException("environment variable " + name + " is not valid JSON: content after the value");
            }
            return value;
        } catch (IOException e) {
            String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new EnvException("environment variable " + name + " is not valid JSON: " + message);
        }
    }

    private static Object read(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            throw new IOException("no value");
        }
        return switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    map.put(key, read(p, p.nextToken()));
                }
                yield map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    list.add(read(p, t));
                }
                yield list;
            }
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IOException("unexpected " + token);
        };
    }

    /** One JSON object of a variable: typed access whose errors name the variable and the key. */
    record Fields(String variable, Map<String, Object> values) {

        Map<String, Object> asMap() {
            return values;
        }

        int integer(String key) {
            if (present(key) instanceof Number n && n.doubleValue() == n.intValue()) {
                return n.intValue();
            }
            throw wrongType(key, "an integer");
        }

        boolean bool(String key) {
            if (present(key) instanceof Boolean b) {
                return b;
            }
            throw wrongType(key, "true or false");
        }

        boolean bool(String key, boolean otherwise) {
            return values.get(key) == null ? otherwise : bool(key);
        }

        String text(String key) {
            if (present(key) instanceof String s) {
                return s;
            }
            throw wrongType(key, "a string");
        }

        /** The string, or null when the key is missing or null. */
        String textOrNull(String key) {
            return values.get(key) == null ? null : text(key);
        }

        private Object present(String key) {
            Object value = values.get(key);
            if (value == null) {
                throw new EnvException("environment variable " + variable + " lacks '" + key + "'");
            }
            return value;
        }

        private EnvException wrongType(String key, String expected) {
            return new EnvException("environment variable " + variable + ": '" + key + "' is not " + expected + " (" + values.get(key) + ")");
        }
    }
}
