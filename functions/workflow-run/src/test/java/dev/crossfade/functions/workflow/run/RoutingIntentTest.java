package dev.crossfade.functions.workflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.run.RoutingIntent;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The desired routing state a finished run leaves, from its steps' results as the state machine
 * keeps them (the ASL's ResultSelectors: $.traffic holds only the shift's timestamps).
 */
class RoutingIntentTest {

    private static final RegionTargets T = new RegionTargets(1, 1, "db", null, null, "pg", "c", "s", "a", null, null);

    @Test
    void shiftedActivePassiveRun_shouldLeaveTheTargetOnAndEveryOtherRegionOff() {
        Map<String, Boolean> intents = RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "traffic":{"startedAt":"2026-01-01T00:00:00Z","endedAt":"2026-01-01T00:00:01Z"}}"""), config(false));

        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("us-east-1", false);
        expected.put("eu-west-1", true);
        expected.put("ap-south-1", false);
        assertEquals(expected, intents);
    }

    @Test
    void shiftedActiveActiveRun_shouldLeaveOnlyTheOldPrimaryOffAndTheTargetOn() {
        assertEquals(Map.of("us-east-1", false, "eu-west-1", true), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","traffic":{"startedAt":"x","endedAt":"y"}}"""), config(true)));
    }

    @Test
    void runStoppedWithTheFenceStanding_shouldLeaveTheOldPrimaryOff() {
        assertEquals(Map.of("us-east-1", false), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "unfence":{"routingFenced":false,"targetPromoted":true}}"""), config(false)));
    }

    @Test
    void runRolledBack_shouldLeaveTheOldPrimaryOn() {
        assertEquals(Map.of("us-east-1", true), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "unfence":{"routingFenced":true,"targetPromoted":false}}"""), config(false)));
    }

    @Test
    void runStoppedBeforeFencing_shouldChangeNoDesiredState() {
        assertEquals(Map.of(), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","preflight":{}}"""), config(false)));
    }

    private static WorkflowConfig config(boolean activeActive) {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        regions.put("us-east-1", T);
        regions.put("eu-west-1", T);
        regions.put("ap-south-1", T);
        return new WorkflowConfig("shop-prod", Engine.RDS_POSTGRES, regions, "", Optional.empty(), 5, true,
                "shop-prod-failover-state", "default", activeActive);
    }
}
