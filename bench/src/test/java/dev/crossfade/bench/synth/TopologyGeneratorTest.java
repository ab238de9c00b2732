package dev.crossfade.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossfade.topology.Topology;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyGeneratorTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8})
    void generatedTopology_shouldPassTheParser_withDistinctCidrsAndPriorities(int n) {
        Topology t = TopologyGenerator.regions(n);

        assertEquals(n, t.enabledRegions().size());
        Set<Object> cidrs = new HashSet<>();
        Set<Integer> priorities = new HashSet<>();
        long primaries = t.enabledRegions().stream().filter(Topology.Region::primary).count();
        t.enabledRegions().forEach(r -> {
            cidrs.add(r.vpcCidr());
            priorities.add(r.priority());
        });
        assertEquals(n, cidrs.size());
        assertEquals(n, priorities.size());
        assertEquals(1, primaries);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 9})
    void regionCountOutOfRange_shouldBeRejected(int n) {
        assertThrows(IllegalArgumentException.class, () -> TopologyGenerator.regions(n));
    }
}
