package dev.crossfade.functions.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds JSON objects to records through their canonical constructor, as Jackson did for the
 * handlers' inputs: unknown fields ignored, a missing field null (0 or false for a primitive),
 * a scalar given for a string taken as its text.
 */
public final class Records {

    private Records() {}

    /** The record read from the JSON object; {@link JsonBindException} names the field that does not fit. */
    public static <T extends Record> T bind(JsonValue json, Class<T> type) {
        return type.cast(bind(json, type, type.getSimpleName()));
    }

    /** A JSON object of records, keyed by field name, in document order. */
    public static <T extends Record> Map<String, T> bindMap(JsonValue json, Class<T> type) {
        if (!json.isObject()) {
            throw new JsonBindException("expected an object of " + type.getSimpleName() + ", got " + json.type());
        }
        Map<String, T> out = new LinkedHashMap<>();
        json.fields().forEach((k, v) -> out.put(k, type.cast(bind(v, type, k))));
        return out;
    }

    static Object component(Record r, RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + r.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static Object bind(JsonValue json, Class<?> type, String path) {
        if (!json.isObject()) {
            throw new JsonBindException("'" + path + "' must be a JSON object for " + type.getSimpleName() + ", got " + json.type());
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            args[i] = convert(json.path(c.getName()), c.getType(), c.getGenericType(), path + "." + c.getName());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new JsonBindException("'" + path + "' is not a valid " + type.getSimpleName() + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object convert(JsonValue v, Class<?> type, Type generic, String path) {
        boolean absent = v.isNull() || v.isMissing();
        if (type.isPrimitive()) {
            if (absent) {
                return type == boolean.class ? Boolean.FALSE : primitiveZero(type);
            }
            return number(v, type, path);
        }
        if (absent) {
            return null;
        }
        if (type == String.class) {
            if (v.isObject() || v.isArray()) {
                throw new JsonBindException("'" + path + "' is " + v.type() + ", expected a string");
            }
            return v.asText();
        }
        if (type == Integer.class || type == Long.class || type == Double.class || type == Float.class || type == Boolean.class) {
            return number(v, type, path);
        }
        if (type.isRecord()) {
            return bind(v, type, path);
        }
        if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> item) {
            if (!v.isArray()) {
                throw new JsonBindException("'" + path + "' is " + v.type() + ", expected an array");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < v.elements().size(); i++) {
                out.add(convert(v.elements().get(i), item, item, path + "[" + i + "]"));
            }
            return out;
        }
        throw new IllegalStateException("cannot bind JSON to a " + generic.getTypeName() + " ('" + path + "')");
    }

    private static Object primitiveZero(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0;
        }
        if (type == float.class) {
            return 0.0f;
        }
        throw new IllegalStateException("unsupported primitive " + type);
    }

    private static Object number(JsonValue v, Class<?> type, String path) {
        if (type == boolean.class || type == Boolean.class) {
            if (!v.isBoolean() && !("true".equals(v.textValue()) || "false".equals(v.textValue()))) {
                throw new JsonBindException("'" + path + "' is " + v.type() + ", expected a boolean");
            }
            return v.asBoolean();
        }
        double d;
        if (v.isNumber()) {
            d = v.doubleValue();
        } else if (v.isTextual()) {
            try {
                d = Double.parseDouble(v.textValue().trim());
            } catch (NumberFormatException e) {
                throw new JsonBindException("'" + path + "' is '" + v.textValue() + "', expected a number");
            }
        } else {
            throw new JsonBindException("'" + path + "' is " + v.type() + ", expected a number");
        }
        if (type == int.class || type == Integer.class) {
            return v.isNumber() && !(v.raw() instanceof Double) ? v.asInt() : (int) d;
        }
        if (type == long.class || type == Long.class) {
            return v.isNumber() && !(v.raw() instanceof Double) ? v.asLong() : (long) d;
        }
        if (type == float.class || type == Float.class) {
            return (float) d;
        }
        return d;
    }

    /** The JSON does not fit the record: names the field and what was found. */
    public static final class JsonBindException extends IllegalArgumentException {
        public JsonBindException(String message) {
            super(message);
        }
    }
}
