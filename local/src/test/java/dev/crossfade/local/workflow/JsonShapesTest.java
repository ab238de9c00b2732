package dev.crossfade.local.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.capacity.CapacityScaler;
import dev.crossfade.functions.workflow.database.Fencing;
import dev.crossfade.functions.workflow.database.PlanRunHandler;
import dev.crossfade.functions.workflow.database.Preflight;
import dev.crossfade.functions.workflow.database.Promotion;
import dev.crossfade.functions.workflow.database.ReplicationRebuild;
import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.plan.PlanContext;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.functions.workflow.run.RequestApprovalHandler;
import dev.crossfade.functions.workflow.run.RunRecord;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.functions.workflow.traffic.ShiftTrafficHandler;
import dev.crossfade.functions.workflow.traffic.TrafficPinning;
import dev.crossfade.functions.workflow.traffic.Verification;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow's JSON, which the state machine, the CLI and the local module read, is the JSON
 * Jackson's ObjectMapper wrote before the handlers dropped databind: checked against that mapper.
 */
class JsonShapesTest {

    /** The mapper the workflow functions used (see git history of Json.java). */
    private static final ObjectMapper DATABIND = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);

    @Test
    void everyStepResult_shouldBeWrittenAsDatabindWroteIt() throws Exception {
        Map<String, Float> dials = new LinkedHashMap<>();
        dials.put("us-east-1", 0.0f);
        dials.put("eu-west-1", 100.0f);
        FailoverPlan plan = FailoverPlan.of(new PlanContext("shop-prod", Engine.AURORA_POSTGRES_GLOBAL, true,
                List.of("us-east-1", "eu-west-1"), List.of("us-east-1", "eu-west-1", "ap-south-1")), "us-east-1", "eu-west-1", WorkflowMode.FAILOVER);
        List<Object> results = List.of(
                new ShiftTrafficHandler.Result("eu-west-1", List.of("us-east-1"), List.of("ap-south-1: refused"), "2026-11-22T10:00:00Z", "2026-11-22T10:00:01.5Z"),
                new CapacityScaler.Result("c1", "s1", 3),
                new Promotion.Started("failover", "db2", "2026-11-22T10:00:00Z"),
                new Promotion.Finished(null, "2026-11-22T10:00:00Z"),
                new ReplicationRebuild.Result("created", "db1-replica"),
                new Preflight.Result(null, 5, false, "a", "b"),
                new Preflight.Result(2.5, 5, true, "a", "b"),
                new Fencing.Result(true, false, List.of("writes: no parameter group", "routing \"quoted\" é"), "a", null, true, "eu-west-1"),
                new TrafficPinning.Result(true, dials, List.of(), "a", "b"),
                new Verification.Result("eu-west-1", List.of(), "a", "b"),
                new RunLock.Held("arn:aws:states:eu-west-1:1:execution:m:x", "inc-1", List.of("us-east-1: SdkClientException: refused")),
                new PlanRunHandler.Result(plan, new Preflight.Result(12.0, 5, true, "a", "b"), "lag 12.0 s over the budget"),
                Map.of("released", true),
                Map.of("status", "SUCCEEDED", "phases", 3),
                RunRecord.of("shop-prod", "arn:x", "ABORTED", "2026-11-22T10:01:31Z", Json.tree("""
                        {"mode":"failover","from":"us-east-1","to":"eu-west-1","incidentId":"i","reason":"r",
                         "fencing":{"startedAt":"2026-11-22T10:01:31Z","endedAt":"2026-11-22T10:01:32.500Z","skipped":["routing"]},
                         "error":{"Error":"E","Cause":"C"}}""")));

        for (Object result : results) {
            assertEquals(DATABIND.writeValueAsString(result), Json.write(result), result.getClass().getName());
        }
    }

    @Test
    void stepInput_shouldBeReadAsDatabindReadIt() throws Exception {
        String json = """
                {"mode":"failover","from":"us-east-1","to":"eu-west-1","reason":"r","incidentId":7,
                 "executionId":"arn:x","enteredAt":null,"unknown":{"nested":[1,2]},"detectedAt":"t"}""";

        assertEquals(DATABIND.readValue(json, StepInput.class), Json.read(json, StepInput.class));
    }

    @Test
    void approvalRequest_shouldBeReadAsDatabindReadIt() throws Exception {
        String json = """
                {"from":"us-east-1","to":"eu-west-1","taskToken":"tok","lagSeconds":12,"rpoBudgetSeconds":5,"extra":true}""";

        assertEquals(DATABIND.readValue(json, RequestApprovalHandler.Request.class), Json.read(json, RequestApprovalHandler.Request.class));
    }

    @Test
    void regionTargets_shouldBeReadAsDatabindReadThem() throws Exception {
        String json = """
                {"us-east-1":{"priority":1,"dbInstanceId":"db1","dbClusterId":null,"new":"ignored"},"eu-west-1":{"priority":2,"desiredCount":2}}""";

        Map<String, RegionTargets> expected = DATABIND.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, RegionTargets>>() {});
        Map<String, RegionTargets> actual = Json.readMap(json, RegionTargets.class);

        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    }

    @Test
    void inputThatIsNotAnObject_shouldBeAnIllegalArgumentNamingTheType() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("[1]", StepInput.class));

        assertTrue(e.getMessage().startsWith("not a valid StepInput") && e.getMessage().contains("ARRAY"), e.getMessage());
    }

    @Test
    void objectGivenForAString_shouldBeAnIllegalArgumentNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"from\":{\"a\":1}}", StepInput.class));

        assertTrue(e.getMessage().contains("StepInput.from"), e.getMessage());
    }

    @Test
    void brokenJson_shouldBeAnIllegalArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"from\":", StepInput.class));

        assertTrue(e.getMessage().startsWith("not a valid StepInput"), e.getMessage());
    }
}
