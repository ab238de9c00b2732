package dev.crossfade.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.TopologyParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratorTest {

    private static Topology topology(String name) {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("examples"))) {
            dir = dir.getParent();
        }
        return TopologyParser.parse(dir.resolve("examples").resolve(name));
    }

    @Test
    void theSameSeed_givesTheSameSchedule_andSchedulesAreBoundedAndEndSettled() {
        for (String file : List.of("seed-active-passive.yaml", "three-region-geo.yaml", "active-active-latency.yaml")) {
            Topology t = topology(file);
            Set<String> regions = Set.copyOf(t.enabledRegions().stream().map(Topology.Region::name).toList());
            Set<Generator.Pattern> seen = EnumSet.noneOf(Generator.Pattern.class);
            for (long seed = 1; seed <= 200; seed++) {
                Generator.Generated g = new Generator(t).generate(seed);
                assertEquals(g, new Generator(t).generate(seed), "seed " + seed);
                List<Schedule.Step> steps = g.schedule().steps();
                assertTrue(steps.size() <= Generator.MAX_STEPS, steps.toString());
                assertEquals(List.of(Schedule.Heal.all(), new Schedule.AwaitSettled()), steps.subList(steps.size() - 2, steps.size()));
                // every region named is one of the topology's, and the schedule survives its own file format
                ScheduleJson.checkRegions(g.schedule(), List.copyOf(regions), "seed " + seed);
                assertEquals(g.schedule(), ScheduleJson.parse(ScheduleJson.write(g.schedule()), "seed " + seed));
                seen.add(g.pattern());
            }
            assertEquals(EnumSet.allOf(Generator.Pattern.class), seen, file + ": 200 seeds reach every pattern");
        }
    }
}
