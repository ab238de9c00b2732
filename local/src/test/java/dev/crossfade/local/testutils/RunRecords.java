package dev.crossfade.local.testutils;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.local.EmulatedApplication;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The run record an execution wrote to a region's workflow state table, as RecordRun stored it. */
public final class RunRecords {

    private RunRecords() {}

    /** The record, failing the test if {@code executionArn} left none in {@code region}. */
    public static JsonNode read(EmulatedApplication app, String region, String executionArn) {
        Map<String, AttributeValue> item = app.runRecordItem(region, executionArn);
        assertFalse(item.isEmpty(), "no run record for " + executionArn);
        return Trees.read(item.get("record").s());
    }
}
