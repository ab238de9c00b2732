package dev.crossfade.infra.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.cost.CostLine.Family;
import dev.crossfade.infra.testutils.Apps;
import dev.crossfade.infra.data.testutils.TestTopologies;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {

    private final CostModel model = new CostModel();

    @Test
    void anyTopology_shouldHaveOneLinePerFamilyOfTheSeedTable() {
        CostEstimate estimate = model.estimate(TestTopologies.seed());

        assertEquals(Arrays.asList(Family.values()), estimate.lines().stream().map(CostLine::family).toList());
    }

    @Test
    void seedActivePassive_shouldLandNearTheSeedsRange() {
        CostEstimate estimate = model.estimate(TestTopologies.seed());

        // seed table: 1.5-1.8x; the seed's standby runs a multi-AZ replica, which puts it at the top (docs/cost.md)
        assertTrue(estimate.multiplier() >= 1.5 && estimate.multiplier() <= 1.9, "multiplier " + estimate.multiplier());
    }

    @Test
    void activeActive_shouldCostMoreThanActivePassiveAndAboutTwiceOneRegion() {
        double activeActive = model.estimate(TestTopologies.activeActive()).multiplier();
        double activePassive = model.estimate(TestTopologies.seed()).multiplier();

        assertTrue(activeActive > activePassive, activeActive + " <= " + activePassive);
        assertTrue(activeActive >= 1.8 && activeActive <= 2.5, "multiplier " + activeActive);
    }

    @Test
    void natGatewaysPriced_shouldBeTheNatGatewaysSynthesizedInEveryRegion() {
        for (var app : List.of(Apps.seed(), Apps.latency(), Apps.geo())) {
            for (Topology.Region region : app.topology().enabledRegions()) {
                int synthesized = app.regional(region.name()).findResources("AWS::EC2::NatGateway").size();

                assertEquals(synthesized, CostModel.NAT_GATEWAYS_PER_REGION, region.name() + " of " + app.topology().name());
            }
            CostLine nat = model.estimate(app.topology()).line(Family.NAT);
            int regions = app.topology().enabledRegions().size();
            assertEquals(regions * CostModel.NAT_GATEWAYS_PER_REGION * UnitPrices.NAT_GATEWAY_HOURLY * UnitPrices.HOURS_PER_MONTH
                    + UnitPrices.NAT_GB_PER_MONTH * UnitPrices.NAT_PROCESSED_GB, nat.topologyMonthly(), 1e-9);
        }
    }

    @Test
    void seedCompute_shouldBeDesiredCountTimesHourlyPriceTimesHours() {
        CostLine compute = model.estimate(TestTopologies.seed()).line(Family.COMPUTE);

        assertEquals(3 * 0.096 * 730, compute.singleRegionMonthly(), 1e-9);
        assertEquals((3 + 2) * 0.096 * 730, compute.topologyMonthly(), 1e-9);
    }

    @Test
    void seedDatabase_shouldCountPrimaryAndMultiAzReplica() {
        CostLine db = model.estimate(TestTopologies.seed()).line(Family.DATABASE);

        double multiAz = 2 * (0.25 * 730 + 100 * 0.115);
        assertEquals(multiAz, db.singleRegionMonthly(), 1e-9);
        assertEquals(2 * multiAz, db.topologyMonthly(), 1e-9);
    }

    @Test
    void fixedGlobalCosts_shouldBeAbsentFromTheSingleRegionBaseline() {
        CostEstimate estimate = model.estimate(TestTopologies.seed());

        assertEquals(0, estimate.line(Family.GLOBAL_ACCELERATOR).singleRegionMonthly());
        assertEquals(0.025 * 730 + 1000 * 0.025, estimate.line(Family.GLOBAL_ACCELERATOR).topologyMonthly(), 1e-9);
        // HTTPS, 10 s interval and latency measurement: three optional features on the endpoint check; per region
        // also the routing-control, veto and serving checks and the routing-control and veto alarms
        assertEquals(2 * (0.50 + 3 * 1.00 + 0.10 + 3 * 0.50 + 2 * 0.10), estimate.line(Family.HEALTH_CHECKS).topologyMonthly(), 1e-9);
        assertEquals(3 * 2 * 1.00, estimate.line(Family.KMS).topologyMonthly(), 1e-9);
    }

    @Test
    void threeRegions_shouldIgnoreTheDisabledRegionAndCountTwoReplicationFlows() {
        Topology three = TestTopologies.threeRegions();
        CostEstimate estimate = model.estimate(three);

        assertEquals(2, CostModel.replicationFlows(three));
        assertEquals((3 + 2 + 2) * 0.096 * 730, estimate.line(Family.COMPUTE).topologyMonthly(), 1e-9);
        assertEquals(0, estimate.line(Family.GLOBAL_ACCELERATOR).topologyMonthly() - (0.025 * 730 + 1000 * 0.025), 1e-9);
        assertEquals(3 * (0.50 + 0.10 + 3 * 0.50 + 2 * 0.10), estimate.line(Family.HEALTH_CHECKS).topologyMonthly(), 1e-9);
        assertTrue(estimate.line(Family.HEALTH_CHECKS).basis().startsWith("12 Route 53 health checks"),
                estimate.line(Family.HEALTH_CHECKS).basis());
    }

    /** What the model prices is what the app synthesizes: the global stack's checks and every alarm they and the veto need. */
    @Test
    void healthChecksPriced_shouldBeTheChecksAndAlarmsSynthesized() {
        for (var app : List.of(Apps.seed(), Apps.geo(), Apps.threeRegionsRds())) {
            int regions = app.topology().enabledRegions().size();

            assertEquals(CostModel.healthChecksPerRegion(regions) * regions,
                    app.global().findResources("AWS::Route53::HealthCheck").size(), app.topology().name());
            int routingAndVetoAlarms = 0;
            for (Topology.Region region : app.topology().enabledRegions()) {
                routingAndVetoAlarms += app.regional(region.name()).findResources("AWS::CloudWatch::Alarm", java.util.Map.of(
                        "Properties", software.amazon.awscdk.assertions.Match.objectLike(java.util.Map.of(
                                "Namespace", "Crossfade/Routing")))).size();
            }
            // the endpoint alarm is in the global stack, one per region
            assertEquals(CostModel.alarmsPerRegion(regions) - 1, routingAndVetoAlarms / regions, app.topology().name());
            assertEquals(0, routingAndVetoAlarms % regions, app.topology().name());
        }
    }

    /** docs/cost.md "Results on the examples": single region, topology and multiplier as the model computes them. */
    @Test
    void docsResults_shouldBeTheModelsFigures() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(TestTopologies.repoRoot().resolve("docs/cost.md"));
        java.util.Map<String, Topology> rows = new java.util.LinkedHashMap<>();
        rows.put("| `examples/seed-active-passive.yaml` |", TestTopologies.seed());
        rows.put("| `examples/active-active-latency.yaml` |", TestTopologies.activeActive());
        rows.put("| three regions, one disabled (test resource) |", TestTopologies.threeRegions());
        rows.forEach((row, topology) -> {
            CostEstimate e = model.estimate(topology);
            String expected = String.format(java.util.Locale.ROOT, "%s %.2f | %.2f | ", row, e.singleRegionMonthly(), e.topologyMonthly());
            String multiplier = String.format(java.util.Locale.ROOT, "%.2fx", e.multiplier());
            String line = doc.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError("no row " + row));

            assertTrue(line.startsWith(expected) && line.contains(multiplier), "docs/cost.md: " + line + "\nmodel: " + expected + multiplier);
        });
    }

    @Test
    void activeActive_shouldReplicateEveryRegionToEveryOther() {
        assertEquals(2, CostModel.replicationFlows(TestTopologies.activeActive()));
        assertEquals(1, CostModel.replicationFlows(TestTopologies.seed()));
    }

    @Test
    void unknownInstanceType_shouldFailNamingTheKeyAndType() {
        String yaml = TestTopologies.resource(TestTopologies.THREE_REGIONS).replaceFirst("m5\\.large", "x9.huge");
        Topology t = TopologyParser.parse(yaml, "unknown-type");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.estimate(t));

        assertTrue(e.getMessage().contains("instanceType") && e.getMessage().contains("x9.huge"), e.getMessage());
    }

    @Test
    void disablingGlobalAccelerator_shouldDropItsLine() {
        String yaml = TestTopologies.resource(TestTopologies.THREE_REGIONS)
                .replace("globalAccelerator:\n  enabled: true", "globalAccelerator:\n  enabled: false");
        Topology t = TopologyParser.parse(yaml, "no-ga");

        assertEquals(List.of(0.0), List.of(model.estimate(t).line(Family.GLOBAL_ACCELERATOR).topologyMonthly()));
    }
}
