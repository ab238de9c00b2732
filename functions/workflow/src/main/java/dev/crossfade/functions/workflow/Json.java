package dev.crossfade.functions.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.json.Records;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The JSON of the workflow functions: inputs bound to records (unknown fields ignored), outputs
 * written from records, maps and lists. Bad input is an {@link IllegalArgumentException}, the
 * error name the state machine sees.
 */
public final class Json {

    private Json() {}

    public static <T extends Record> T read(String json, Class<T> type) {
        try {
            return Records.bind(tree(json, type.getSimpleName()), type);
        } catch (Records.JsonBindException e) {
            throw new IllegalArgumentException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** A JSON object whose every field is a {@code type}, in document order. */
    public static <T extends Record> Map<String, T> readMap(String json, Class<T> type) {
        String what = "object of " + type.getSimpleName();
        try {
            return Records.bindMap(tree(json, what), type);
        } catch (Records.JsonBindException e) {
            throw new IllegalArgumentException("not a valid " + what + ": " + e.getMessage(), e);
        }
    }

    /** The parsed tree, for inputs read field by field. */
    public static JsonValue tree(String json) {
        return tree(json, "JSON value");
    }

    public static String write(Object value) {
        return JsonCodec.write(value);
    }

    private static JsonValue tree(String json, String what) {
        try {
            return JsonCodec.parse(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a valid " + what + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
