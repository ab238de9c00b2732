package dev.crossfade.bench.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.bench.RepoFiles;
import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReport.TimelineEvent;
import dev.crossfade.cli.drill.Phase;
import dev.crossfade.cli.drill.TimeScale;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The floor is arithmetic on one report: the seed (10 s x 3 detection, 60 s dwell) at time scale 20. */
class DrillFloorTest {

    private static final Topology SEED = TopologyParser.parse(RepoFiles.root().resolve("examples/seed-active-passive.yaml"));

    private static final List<TimelineEvent> EVENTS = List.of(
            new TimelineEvent(10_900, "setup", "every region healthy; canary interval 500 ms (10 s / time scale 20.0), threshold 3"),
            new TimelineEvent(10_900, "detection", "fault injected: us-east-1 stops answering /health"),
            new TimelineEvent(11_500, "canary", "alarm shop-prod-eu-west-1-canary INSUFFICIENT_DATA -> ALARM in us-east-1, event sent"),
            new TimelineEvent(12_000, "detection", "alarm shop-prod-us-east-1-canary OK -> ALARM in eu-west-1, event sent"),
            new TimelineEvent(12_700, "detection", "alarm shop-prod-us-east-1-health-check -> ALARM in us-east-1 (Route 53 health check), event sent"));

    private static final List<Phase> PHASES = List.of(
            new Phase(Phase.DETECTION, 10_900, 12_710, true, 36_200),
            new Phase(Phase.DECISION, 12_710, 17_000, true, 85_800),
            new Phase(Phase.FENCING, 18_000, 18_600, false, 600),
            new Phase(Phase.PROMOTION, 18_600, 19_400, false, 800),
            new Phase(Phase.TRAFFIC_SHIFT, 19_400, 20_200, false, 800),
            new Phase(Phase.VERIFICATION, 20_300, 20_500, false, 200));

    @Test
    void seedAtScale20_floorShouldBeDetectionPlusDwellPlusTheWaitForTheDecidingTick() {
        DrillReport report = report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS);

        DrillFloor floor = DrillFloor.of(report, SEED);

        // detection 10 s x 3 / 20; dwell 60 s / 20; quorum's ALARM at 12 700 -> dwell ends 15 700 ->
        // ticks every 3 000 ms from 10 900 (13 900, 16 900): 16 900 decides; 16 900 - 12 710 - 3 000 = 1 190
        assertEquals(1_500, floor.detectionMillis(), 1e-9);
        assertEquals(3_000, floor.dwellMillis(), 1e-9);
        assertEquals(1_190, floor.scheduleWaitMillis(), 1e-9);
        assertEquals(5_690, floor.floorMillis(), 1e-9);
        assertEquals(9_600, floor.recoveryMillis());
        assertEquals(3_910, floor.overheadMillis(), 1e-9);
        assertEquals(9_600 / 5_690.0, floor.ratio(), 1e-9);
        assertEquals(3_910 / 5_690.0, floor.overheadShare(), 1e-9);
    }

    @Test
    void withTheEmulatorsTime_shouldTakeItOutOfTheRecoveryAndKeepTheFailedCalls() {
        DrillReport report = report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS)
                .withEmulatorOverhead(new DrillReport.EmulatorOverhead(3_000, 200, 600, 20, 2_000, 200, 450, 3, 6, 1_500, 1_300, 0, 6_600));

        DrillFloor floor = DrillFloor.of(report, SEED);

        assertEquals(3_000, floor.emulatorMillis());
        assertEquals(450, floor.failedCallsMillis());
        assertEquals(6_600, floor.recoveryWithoutEmulatorMillis());
        assertEquals(6_600 - 5_690, floor.overheadWithoutEmulatorMillis(), 1e-9);
        assertEquals(910 / 5_690.0, floor.overheadWithoutEmulatorShare(), 1e-9);
        assertEquals(3_910, floor.overheadMillis(), 1e-9, "R - F itself is unchanged");
        String line = DrillRecovery.perRun(new DrillRecovery.Case("examples/seed-active-passive.yaml", 20, 1), 1, floor);
        assertTrue(line.endsWith("without emulator: E 3000 ms, R - E 6600 ms, over F 910 ms = 16% of F (of it 450 ms in calls that failed)"), line);
        List<dev.crossfade.bench.Figure> figures = DrillRecovery.figures(new DrillRecovery.Case("examples/seed-active-passive.yaml", 20, 1),
                "seed", List.of(floor));
        assertTrue(figures.stream().anyMatch(f -> f.toString().contains("R - E 6600 ms (E 3000 ms), F 5690 ms; over F 910 ms = 16% of F")),
                figures.toString());
    }

    @Test
    void withoutTheEmulatorsTime_shouldKeepTheRecoveryWhole() {
        DrillFloor floor = DrillFloor.of(report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS), SEED);

        assertEquals(0, floor.emulatorMillis());
        assertEquals(floor.recoveryMillis(), floor.recoveryWithoutEmulatorMillis());
    }

    @Test
    void seedAtScale20_rowsShouldAddUpToRecoveryAndFloor() {
        DrillFloor floor = DrillFloor.of(report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS), SEED);

        List<String> names = floor.rows().stream().map(DrillFloor.Row::name).toList();
        assertEquals(List.of("detection", "decision", "start to fencing (StartExecution, lock, preflight, scale)", "fencing",
                "between phases", "promotion", "traffic-shift", "verification"), names);
        assertEquals(floor.recoveryMillis(), floor.rows().stream().mapToLong(DrillFloor.Row::measuredMillis).sum());
        assertEquals(floor.floorMillis(), floor.rows().stream().mapToDouble(DrillFloor.Row::floorMillis).sum(), 1e-9);
        DrillFloor.Row decision = floor.rows().get(1);
        assertEquals(100, decision.overheadMillis(), 1e-9);
        assertEquals(100, floor.rows().get(4).measuredMillis());
    }

    @Test
    void dwellEndJustAfterATick_whenThatTickDecided_shouldTakeThatTick() {
        // stamps are whole ms: an estimate 1 ms past the tick that in fact decided must not push the floor a period later
        assertEquals(16_900, DrillFloor.decidingTick(10_900, 3_000, 16_901, 16_950), 1e-9);
        assertEquals(19_900, DrillFloor.decidingTick(10_900, 3_000, 16_901, 19_950), 1e-9);
        assertEquals(13_900, DrillFloor.decidingTick(10_900, 3_000, 11_000, 14_000), 1e-9);
    }

    @Test
    void noFailover_shouldBeRefused() {
        DrillReport report = report(DrillReport.Result.NO_FAILOVER, PHASES.subList(0, 1), EVENTS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrillFloor.of(report, SEED));
        assertTrue(e.getMessage().contains("NO_FAILOVER"), e.getMessage());
    }

    @Test
    void timelineWithoutTheScheduleLine_shouldNameTheMissingLine() {
        DrillReport report = report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS.subList(1, EVENTS.size()));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrillFloor.of(report, SEED));
        assertTrue(e.getMessage().contains("every region healthy"), e.getMessage());
    }

    @Test
    void oneAlarmLineForAQuorumOfTwo_shouldBeRefused() {
        DrillReport report = report(DrillReport.Result.SUCCEEDED, PHASES, EVENTS.subList(0, 4));

        // the seed's quorum is 1 (what a whole-region outage can reach); a quorum of 2 needs two ALARM lines
        Topology.Failover f = SEED.failover();
        Topology quorumTwo = new Topology(SEED.project(), SEED.environment(), SEED.account(), SEED.mode(), SEED.domain(), SEED.routing(),
                SEED.app(), SEED.regions(), SEED.database(), SEED.healthCheck(), SEED.globalAccelerator(), SEED.replication(),
                new Topology.Failover(f.automatic(), f.rpoBudgetSeconds(), 2, f.dwellSeconds(), f.cooldownMinutes(),
                        f.approvalForDataLoss(), f.approvalTimeoutMinutes()), SEED.notifications(), SEED.removalPolicy());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DrillFloor.of(report, quorumTwo));
        assertTrue(e.getMessage().contains("1 ALARM lines about us-east-1"), e.getMessage());
    }

    private static DrillReport report(DrillReport.Result result, List<Phase> phases, List<TimelineEvent> events) {
        return DrillReport.of("shop-prod", "us-east-1", "eu-west-1", result, 0, phases,
                new DrillReport.FinalState("eu-west-1", Map.of("us-east-1", 0, "eu-west-1", 100), "eu-west-1"), List.of(),
                new TimeScale(20), events);
    }
}
