package dev.crossfade.functions.workflow;

import static dev.crossfade.functions.workflow.testutils.EmulatedApplication.PRIMARY;
import static dev.crossfade.functions.workflow.testutils.EmulatedApplication.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.functions.workflow.testutils.EmulatedApplication;
import dev.crossfade.functions.workflow.testutils.Inputs;
import dev.crossfade.functions.workflow.testutils.WorkflowHarness;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The real failover.asl.json executed by moto's interpreter, its tasks running the real handlers. */
class FailoverWorkflowExecutionTest {

    private static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";
    private static WorkflowHarness harness;
    private EmulatedApplication app;

    @BeforeAll
    static void startEmulator() {
        harness = new WorkflowHarness();
    }

    @AfterAll
    static void stopEmulator() {
        harness.close();
    }

    @BeforeEach
    void deployApplication() {
        app = EmulatedApplication.deployRds(harness.moto());
    }

    @Test
    void rdsFailover_shouldFencePromoteShiftTrafficAndRecordTheRun() {
        String machine = harness.deployWorkflow(STANDBY, WorkflowHarness.handlers(app.clients(), app.config()));

        DescribeExecutionResponse run = harness.awaitEnd(STANDBY, harness.start(STANDBY, machine, "inc-1", Inputs.json(FAILOVER)));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.toString() + harness.statesEntered(STANDBY, run.executionArn()));
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier(), "the standby is a standalone writer");
        assertEquals(Optional.of(1.0), app.routing().read(STANDBY));
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals("on", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
        assertEquals(3, app.desiredCount(STANDBY), "scaled to the old primary's desired count");
        assertLockReleased();
        JsonNode record = runRecord(run.executionArn());
        assertEquals("SUCCEEDED", record.path("status").asText());
        assertEquals(List.of("fencing", "promotion", "traffic-shift", "verification"),
                record.path("phases").findValuesAsText("name"));
    }

    private void assertLockReleased() {
        Map<String, AttributeValue> lock = app.clients().dynamoDb(STANDBY).getItem(r -> r.tableName(EmulatedApplication.stateTable())
                .key(Map.of("pk", AttributeValue.fromS("lock#" + EmulatedApplication.APP)))).item();
        assertTrue(lock.isEmpty(), "lock still held: " + lock);
    }

    private JsonNode runRecord(String executionArn) {
        Map<String, AttributeValue> item = app.clients().dynamoDb(STANDBY).getItem(r -> r.tableName(EmulatedApplication.stateTable())
                .key(Map.of("pk", AttributeValue.fromS("run#" + EmulatedApplication.APP + "#" + executionArn)))).item();
        assertFalse(item.isEmpty(), "no run record for " + executionArn);
        return Json.read(item.get("record").s(), JsonNode.class);
    }
}
