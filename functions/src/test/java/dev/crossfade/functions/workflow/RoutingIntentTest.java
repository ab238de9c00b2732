package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desired routing state a finished run leaves, from its steps' results (RecordRun writes it). */
class RoutingIntentTest {

    @Test
    void shiftedRun_shouldLeaveTheTargetOnAndTheOldPrimaryAndEverySwitchedOffRegionOff() {
        Map<String, Boolean> intents = RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "traffic":{"region":"eu-west-1","switchedOff":["us-east-1","ap-south-1"],"unreachable":["sa-east-1: connect timed out"]}}"""));

        Map<String, Boolean> expected = new LinkedHashMap<>();
        expected.put("us-east-1", false);
        expected.put("ap-south-1", false);
        expected.put("sa-east-1", false);
        expected.put("eu-west-1", true);
        assertEquals(expected, intents);
    }

    @Test
    void runStoppedWithTheFenceStanding_shouldLeaveTheOldPrimaryOff() {
        assertEquals(Map.of("us-east-1", false), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "unfence":{"routingFenced":false,"targetPromoted":true}}""")));
    }

    @Test
    void runRolledBack_shouldLeaveTheOldPrimaryOn() {
        assertEquals(Map.of("us-east-1", true), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]},
                 "unfence":{"routingFenced":true,"targetPromoted":false}}""")));
    }

    @Test
    void runStoppedBeforeFencing_shouldChangeNoDesiredState() {
        assertEquals(Map.of(), RoutingIntent.of(Json.tree("""
                {"from":"us-east-1","to":"eu-west-1","preflight":{}}""")));
    }
}
