package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestTopologies;
import dev.crossfade.topology.TopologyParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationPlanTest {

    @Test
    void activePassive_shouldReplicateS3OnlyOutOfThePrimary() {
        ReplicationPlan plan = new ReplicationPlan(TestTopologies.seed());

        assertEquals(List.of("eu-west-1"), plan.s3Destinations("us-east-1"));
        assertEquals(List.of(), plan.s3Destinations("eu-west-1"));
        assertEquals(List.of("eu-west-1"), plan.dynamoReplicaRegions());
    }

    @Test
    void activeActive_shouldReplicateS3EveryWay() {
        ReplicationPlan plan = new ReplicationPlan(TestTopologies.activeActive());

        assertEquals(List.of("ap-south-1"), plan.s3Destinations("us-east-1"));
        assertEquals(List.of("us-east-1"), plan.s3Destinations("ap-south-1"));
    }

    @Test
    void vpcPeeringOff_shouldPlanNoConnection() {
        String yaml = TestTopologies.resource(TestTopologies.THREE_REGIONS).replace("vpcPeering: true", "vpcPeering: false");

        assertEquals(List.of(), new ReplicationPlan(TopologyParser.parse(yaml, "no-peering")).peeringPairs());
    }

    @Test
    void unknownRegion_shouldBeRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReplicationPlan(TestTopologies.seed()).s3Destinations("eu-central-1"));

        assertTrue(e.getMessage().contains("eu-central-1"), e.getMessage());
    }
}
