package dev.crossfade.local.testutils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Workflow outputs and run records as Jackson trees, for assertions (the handlers themselves carry no databind). */
public final class Trees {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Trees() {}

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " in " + json, e);
        }
    }
}
