package dev.crossfade.bench.criticalpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.bench.Figure;
import dev.crossfade.bench.coldstart.Variant;
import dev.crossfade.topology.env.RegionTargets;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CriticalPathFiguresTest {

    private static final Path RUN = Path.of("x-workflow-run.jar");
    private static final Path DB = Path.of("x-workflow-database.jar");

    private static CriticalPathBenchmark.Step step(String state, Path jar, double warm) {
        return new CriticalPathBenchmark.Step(state, state, "h." + state, jar, "{}", warm, List.of());
    }

    private static final List<CriticalPathBenchmark.Step> STEPS = List.of(step("Lock", RUN, 10), step("Fence", DB, 20),
            step("Promote", DB, 30), step("Record", RUN, 40));

    private static CriticalPathBenchmark.Result result(String name, double... walls) {
        List<List<Double>> perStep = new java.util.ArrayList<>();
        for (double w : walls) {
            perStep.add(List.of(w, w + 1000, w - 1)); // median w
        }
        return new CriticalPathBenchmark.Result(new CriticalPathBenchmark.Variant(name, Path.of("java"), "", Variant.Training.NONE), STEPS, perStep);
    }

    @Test
    void sumMaxAndPerJar_shouldBeColdRunMinusWarmHandling() {
        CriticalPathBenchmark.Result r = result("as deployed", 110, 220, 330, 440);

        assertEquals(100 + 200 + 300 + 400, r.sumColdCostMs(), 1e-9);
        assertEquals(400, r.maxColdCostMs(), 1e-9);
        assertEquals(250, r.medianColdCostMs(), 1e-9);
        assertEquals(100 + 200, r.perJarColdCostMs(), 1e-9, "only the first step of each jar is cold");
    }

    @Test
    void rows_shouldNameTheCriticalPathRow_andJudgeAgainstOneAndAHalfColdStarts() {
        List<Figure> rows = CriticalPathFigures.of(List.of(result("as deployed", 110, 220, 330, 440), result("lever", 20, 30, 40, 50)));

        Figure main = rows.get(0);
        assertEquals("critical path cold starts", main.name());
        assertTrue(main.value().startsWith("1000 ms, 4.0x one cold start (250 ms)"), main.value());
        assertEquals(Figure.Verdict.MISSED, main.verdict());
        Figure prewarm = rows.stream().filter(f -> f.name().equals("critical path cold starts, lever + parallel pre-warm (model)")).findFirst().orElseThrow();
        assertEquals(Figure.Verdict.MET, prewarm.verdict(), prewarm.value());
    }

    @Test
    void preWarmedRounds_shouldCostWaitPlusHandlingMinusWarm_perStepMedian_andReachTheRowAndTheDrill() {
        CriticalPathBenchmark.Result cold = result("as deployed", 110, 220, 330, 440);
        // reached-to-done per step in three rounds: Lock waits for its instance, the later steps find theirs ready
        List<CriticalPathBenchmark.PreWarmedRound> rounds = List.of(
                new CriticalPathBenchmark.PreWarmedRound(List.of(500.0, 25.0, 30.0, 45.0), List.of(490.0, 480.0, 470.0, 600.0)),
                new CriticalPathBenchmark.PreWarmedRound(List.of(700.0, 20.0, 90.0, 40.0), List.of(690.0, 700.0, 650.0, 800.0)),
                new CriticalPathBenchmark.PreWarmedRound(List.of(600.0, 15.0, 35.0, 60.0), List.of(590.0, 560.0, 500.0, 700.0)));
        CriticalPathBenchmark.Result r = new CriticalPathBenchmark.Result(cold.variant(), STEPS, cold.wallMs(), rounds);

        // medians 600, 20, 35, 45 minus warm 10, 20, 30, 40 (at least 0)
        assertEquals(590 + 0 + 5 + 5, r.sumPreWarmedCostMs(), 1e-9);
        assertEquals(700, r.medianLastReadyMs(), 1e-9);
        Figure row = CriticalPathFigures.of(List.of(r)).stream()
                .filter(f -> f.name().equals("critical path cold starts, as deployed + parallel pre-warm (measured)")).findFirst().orElseThrow();
        assertTrue(row.value().startsWith("600 ms, 2.4x one cold start (250 ms)"), row.value());
        assertTrue(CriticalPathFigures.drillResource(r, "2 cores").contains("preWarmedColdStartMillis=600\n"));
        assertFalse(CriticalPathFigures.drillResource(cold, "2 cores").contains("preWarmed"), "no pre-warm rounds, no figure");
    }

    @Test
    void snapStart_shouldBeReportedAsNotMeasured_andAsDeployedExactlyWhenInfraDeploysIt() {
        for (boolean deployed : List.of(true, false)) {
            Figure row = CriticalPathFigures.of(List.of(result("as deployed", 110, 220, 330, 440)), deployed).stream()
                    .filter(f -> f.name().contains("SnapStart")).findFirst().orElseThrow();

            assertEquals(Figure.Verdict.NOT_MEASURED, row.verdict(), row.toString());
            assertEquals(deployed, row.name().endsWith("(deployed)"), row.name());
            assertTrue(row.note().contains("without SnapStart"), row.note());
        }
        assertTrue(CriticalPathFigures.of(List.of(result("as deployed", 110, 220, 330, 440))).stream()
                .anyMatch(f -> f.name().endsWith(dev.crossfade.infra.LambdaJvm.WORKFLOW_SNAPSTART ? "(deployed)" : "(not deployed)")),
                "the default follows infra's LambdaJvm.WORKFLOW_SNAPSTART");
    }

    @Test
    void drillResource_shouldCarryTheSumTheStepsAndWhereItWasMeasured() {
        String text = CriticalPathFigures.drillResource(result("as deployed", 110, 220, 330, 440), "2 cores, amd64");

        assertTrue(text.contains("coldStartMillis=1000\n"), text);
        assertTrue(text.contains("steps=4\n"), text);
        assertTrue(text.matches("(?s).*measuredOn=\\d{4}-\\d{2}-\\d{2}\n.*"), text);
        assertTrue(text.contains("machine=2 cores, amd64"), text);
    }

    @Test
    void environment_shouldGiveTheFunctionsTheirConfigBack() {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        regions.put("us-east-1", new RegionTargets(1, 3, "db-1", null, null, "pg-1", "c-1", "s-1", "alarm-1", null, "key-1"));
        regions.put("eu-west-1", new RegionTargets(2, 2, "db-2", null, null, "pg-2", "c-2", "s-2", "alarm-2", null, "key-2"));
        WorkflowConfig config = new WorkflowConfig("shop-prod", Topology.Engine.RDS_POSTGRES, regions, "", Optional.of("arn:aws:globalaccelerator::1:accelerator/a"),
                5, true, "shop-prod-failover-state", "default", false);

        Map<String, String> env = CriticalPathBenchmark.environment(config, "eu-west-1", "http://127.0.0.1:1");

        assertEquals(config, WorkflowConfig.fromEnv(env));
        assertEquals("eu-west-1", env.get("AWS_REGION"));
        assertEquals("http://127.0.0.1:1", env.get("CROSSFADE_AWS_ENDPOINT"));
    }
}
