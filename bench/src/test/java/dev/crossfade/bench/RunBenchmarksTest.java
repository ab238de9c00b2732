package dev.crossfade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossfade.bench.drill.DrillRecovery;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunBenchmarksTest {

    @Test
    void drillOption_shouldGiveTopologyScaleAndRunsPerCase() {
        List<DrillRecovery.Case> cases = RunBenchmarks.drillCases("examples/seed-active-passive.yaml@20x5,examples/active-active-latency.yaml@2.5x3");

        assertEquals(List.of(new DrillRecovery.Case("examples/seed-active-passive.yaml", 20, 5),
                new DrillRecovery.Case("examples/active-active-latency.yaml", 2.5, 3)), cases);
    }

    @Test
    void drillOptionWithoutRuns_shouldNameTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunBenchmarks.drillCases("examples/seed-active-passive.yaml@20"));

        assertEquals("--drill examples/seed-active-passive.yaml@20: expected TOPOLOGY@SCALExRUNS[:FAULT], e.g."
                + " examples/seed-active-passive.yaml@20x5 or examples/seed-active-passive.yaml@20x3:region-outage", e.getMessage());
    }

    @Test
    void drillOptionWithAFault_shouldPassItOn() {
        List<DrillRecovery.Case> cases = RunBenchmarks.drillCases("examples/seed-active-passive.yaml@20x3:region-outage");

        assertEquals(List.of(new DrillRecovery.Case("examples/seed-active-passive.yaml", 20, 3, "region-outage")), cases);
        assertEquals("health", RunBenchmarks.drillCases("examples/seed-active-passive.yaml@20x3").getFirst().fault());
    }
}
