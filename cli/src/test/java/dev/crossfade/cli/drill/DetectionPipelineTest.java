package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.Poll;
import dev.crossfade.cli.drill.testutils.Topologies;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The detection phase of a local drill, wired from the pieces the way the drill command will. */
class DetectionPipelineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void regionGoingDark_shouldBeDetectedInAboutIntervalTimesThreshold() {
        Topology topology = Topologies.seed();
        DrillClock clock = DrillClock.startNow(new TimeScale(100));
        StringWriter out = new StringWriter();
        TimelinePrinter printer = new TimelinePrinter(new PrintWriter(out), clock);
        PhaseClock phases = new PhaseClock(clock);
        List<String> events = new CopyOnWriteArrayList<>();
        try (HealthFleet fleet = HealthFleet.start(topology);
             HealthProber prober = new HealthProber(topology, fleet.targets(), clock, event -> {
                 events.add(event);
                 if (event.contains("\"value\":\"ALARM\"")) {
                     phases.end(Phase.DETECTION); // the lead's detection handler takes over here
                 }
             }, printer.probes())) {
            prober.start();
            Poll.until(DEADLINE, "both canaries OK", () -> events.size() == 2);

            phases.begin(Phase.DETECTION);
            fleet.region("us-east-1").fail();
            printer.line(Phase.DETECTION, "fault injected: us-east-1 stops answering /health");
            Poll.until(DEADLINE, "detection to end", () -> phases.phases().size() == 1);
        }

        Phase detection = phases.phases().getFirst();
        // 3 failed probes 10 s apart: at least 2 intervals after the fault, at most 3 plus slack
        assertTrue(detection.equivalentMillis() >= 19_000 && detection.equivalentMillis() <= 45_000, detection.toString());
        assertEquals(detection.durationMillis() * 100, detection.equivalentMillis());
        assertTrue(out.toString().contains("detection: eu-west-1 canary sees us-east-1 failing (3/3), connection refused"),
                out.toString());
        assertTrue(out.toString().contains("alarm shop-prod-us-east-1-canary OK -> ALARM in eu-west-1"), out.toString());
    }

    @Test
    void unknownRegion_shouldBeRefusedNamingTheEnabledOnes() {
        try (HealthFleet fleet = HealthFleet.start(Topologies.seed())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fleet.region("us-west-2"));

            assertEquals("region us-west-2 is not an enabled region of the topology; enabled: [us-east-1, eu-west-1]",
                    e.getMessage());
        }
    }
}
