package dev.crossfade.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.infra.testutils.Examples;
import dev.crossfade.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {

    @Test
    void threeRegionGeo_shouldParseWithThreeEnabledRegionsAndOneDisabled() {
        Topology t = Examples.load(Examples.GEO);

        assertEquals(Topology.Routing.GEOLOCATION, t.routing());
        assertEquals(Topology.Engine.AURORA_POSTGRES_GLOBAL, t.database().engine());
        assertEquals(List.of("us-east-1", "eu-west-1", "ap-southeast-1"), t.enabledRegions().stream().map(Topology.Region::name).toList());
        assertEquals(List.of(List.of("NA"), List.of("EU", "default"), List.of("AS", "OC")),
                t.enabledRegions().stream().map(Topology.Region::continents).toList());
        assertEquals(false, t.region("sa-east-1").orElseThrow().enabled());
        assertEquals(true, t.globalAccelerator().enabled());
        assertEquals(List.of("sessions", "carts"), t.replication().dynamodbTables().stream().map(Topology.DynamoTable::name).toList());
        assertEquals(List.of("assets"), t.replication().s3Buckets());
    }
}
