package dev.crossfade.bench.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.decision.Decision;
import org.junit.jupiter.api.Test;

/** The benchmarked case is the interesting one (a FAILOVER), with and without parsing. */
class DecisionEngineBenchmarkTest {

    @Test
    void benchmarkCase_shouldDecideFailover_inBothBenchmarks() {
        DecisionEngineBenchmark bench = new DecisionEngineBenchmark();
        bench.load();

        assertEquals(Decision.Action.FAILOVER, bench.decide().decision().action());
        assertEquals(bench.decide(), bench.parseAndDecide());
    }
}
