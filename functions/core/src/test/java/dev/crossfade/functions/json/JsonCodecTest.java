package dev.crossfade.functions.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static final ObjectMapper DATABIND = new ObjectMapper();

    private static final List<String> DOCUMENTS = List.of(
            "{\"a\":1,\"b\":[true,false,null,1.5,-3,12345678901234,123456789012345678901234567890],\"c\":{\"d\":\"e\\\"\\n\\u0001é\"}}",
            "[]", "{}", "\"text\"", "42", "0.1", "1e3", "null", "  {\"z\":1,\"a\":2}  ",
            "{\"nested\":{\"deeper\":{\"deepest\":[[],[{}]]}}}");

    @Test
    void anyDocument_shouldBeReadAndWrittenBackAsDatabindDoes() throws Exception {
        for (String doc : DOCUMENTS) {
            assertEquals(DATABIND.writeValueAsString(DATABIND.readTree(doc)), JsonCodec.write(JsonCodec.parse(doc)), doc);
        }
    }

    @Test
    void scalarConversions_shouldMatchJsonNode() throws Exception {
        String doc = "{\"s\":\"12\",\"t\":\"true\",\"n\":7,\"f\":2.9,\"b\":true,\"z\":null,\"o\":{},\"x\":\"abc\"}";
        JsonNode expected = DATABIND.readTree(doc);
        JsonValue actual = JsonCodec.parse(doc);

        for (String field : List.of("s", "t", "n", "f", "b", "z", "o", "x", "missing")) {
            JsonNode e = expected.path(field);
            JsonValue a = actual.path(field);
            assertEquals(e.asText(), a.asText(), field + " asText");
            assertEquals(e.asText("fallback"), a.asText("fallback"), field + " asText(fallback)");
            assertEquals(e.asInt(), a.asInt(), field + " asInt");
            assertEquals(e.asLong(), a.asLong(), field + " asLong");
            assertEquals(e.asBoolean(), a.asBoolean(), field + " asBoolean");
            assertEquals(e.asBoolean(true), a.asBoolean(true), field + " asBoolean(true)");
            assertEquals(e.isTextual(), a.isTextual(), field + " isTextual");
            assertEquals(e.isNumber(), a.isNumber(), field + " isNumber");
            assertEquals(e.isNull(), a.isNull(), field + " isNull");
            assertEquals(e.getNodeType().name(), a.type().name(), field + " type");
        }
    }

    @Test
    void duplicatedField_shouldBeRejectedByTheStrictParserOnly() throws Exception {
        byte[] doc = "{\"a\":{\"b\":1,\"b\":2}}".getBytes(StandardCharsets.UTF_8);

        JsonParseException e = assertThrows(JsonParseException.class, () -> JsonCodec.parseStrict(doc));

        assertTrue(e.getOriginalMessage().startsWith("Duplicate field 'b'"), e.getOriginalMessage());
        assertEquals(2, JsonCodec.parse(new String(doc, StandardCharsets.UTF_8)).path("a").path("b").asInt());
    }

    @Test
    void everyTruncation_shouldFailAsDatabindFailed() throws Exception {
        ObjectMapper strict = new ObjectMapper().enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        byte[] event = java.nio.file.Files.readAllBytes(dev.crossfade.testutils.DetectionSamples.event("alarm-primary-alb-5xx.json"));
        int eofs = 0;
        for (int n = 1; n < event.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(event, n);
            Class<?> expected = thrown(() -> strict.readTree(cut));
            Class<?> actual = thrown(() -> JsonCodec.parseStrict(cut));

            assertEquals(expected, actual, "cut at " + n);
            eofs += actual == JsonEOFException.class ? 1 : 0;
        }
        assertTrue(eofs > event.length / 2, "most cuts end early: " + eofs);
    }

    private interface Parse {
        Object run() throws Exception;
    }

    private static Class<?> thrown(Parse p) {
        try {
            Object tree = p.run();
            return tree == null ? null : Object.class;
        } catch (Exception e) {
            return e.getClass();
        }
    }

    @Test
    void emptyInput_shouldBeMissing() throws Exception {
        assertTrue(JsonCodec.parse("   ").isMissing());
    }

    @Test
    void jsonObject_shouldKeepInsertionOrderAndThePlaceOfAReplacedField() {
        JsonObject o = new JsonObject().put("b", 1).put("a", "x").putNull("n").put("d", 2.5).put("t", true);
        o.put("b", "again");

        assertEquals("{\"b\":\"again\",\"a\":\"x\",\"n\":null,\"d\":2.5,\"t\":true}", o.toString());
    }

    @Test
    void unsupportedType_shouldBeRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> JsonCodec.write(java.util.Optional.of("x")));

        assertTrue(e.getMessage().contains("java.util.Optional"), e.getMessage());
    }
}
