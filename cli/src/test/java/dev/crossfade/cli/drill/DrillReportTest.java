package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.cli.drill.DrillReport.FinalState;
import dev.crossfade.emulator.Poll;
import dev.crossfade.cli.drill.testutils.SampleReports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DrillReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportJson_shouldCarryEveryFieldOfTheCliContractInItsOrder() throws Exception {
        JsonNode json = JSON.readTree(DrillReportJson.toJson(SampleReports.seedFailover()));

        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("topology", "failedRegion", "newPrimary", "result", "rtoMillis", "dataLossWindowMillis",
                "phases", "finalState", "mutations"), keys.subList(0, 9));
        assertEquals("SUCCEEDED", json.get("result").asText());
        assertTrue(json.get("rtoMillis").isIntegralNumber() && json.get("dataLossWindowMillis").isIntegralNumber());
        JsonNode phase = json.at("/phases/0");
        assertEquals("detection", phase.get("name").asText());
        assertTrue(phase.get("startMillis").isIntegralNumber() && phase.get("endMillis").isIntegralNumber());
        assertEquals("eu-west-1", json.at("/finalState/writerRegion").asText());
        assertEquals(100, json.at("/finalState/trafficByRegion/eu-west-1").asInt());
        assertEquals(0, json.at("/finalState/trafficByRegion/us-east-1").asInt());
        assertEquals("eu-west-1", json.at("/finalState/dnsAnswerRegion").asText());
        assertEquals("PromoteReadReplica", json.at("/mutations/1/action").asText());
        assertEquals("rds", json.at("/mutations/1/service").asText());
        assertEquals("eu-west-1", json.at("/mutations/1/region").asText());
    }

    @Test
    void phasesOnAClock_shouldGiveRtoFromFirstStartToLastEndAndStretchScaledPhases() {
        AtomicLong nanos = new AtomicLong();
        PhaseClock phases = new PhaseClock(new DrillClock(Instant.EPOCH, new TimeScale(10), nanos::get));
        advance(nanos, 100);
        phases.begin(Phase.DETECTION);
        advance(nanos, 3_000);
        phases.end(Phase.DETECTION);
        phases.begin(Phase.PROMOTION);
        advance(nanos, 1_200);
        phases.end(Phase.PROMOTION);

        DrillReport report = DrillReport.of("shop-prod", "us-east-1", "eu-west-1", DrillReport.Result.SUCCEEDED, 0,
                phases.phases(), new FinalState("eu-west-1", Map.of("eu-west-1", 100), "eu-west-1"), List.of(),
                new TimeScale(10), List.of());

        assertEquals(new Phase(Phase.DETECTION, 100, 3_100, true, 30_000), report.phases().getFirst());
        assertEquals(new Phase(Phase.PROMOTION, 3_100, 4_300, false, 1_200), report.phases().get(1));
        assertEquals(4_200, report.rtoMillis());
        assertEquals(31_200, report.equivalentRtoMillis());
    }

    @Test
    void phaseOnTheSystemClock_shouldMeasureTheTimeThatPassed() {
        PhaseClock phases = new PhaseClock(DrillClock.startNow(TimeScale.REAL_TIME));
        long start = phases.begin(Phase.DECISION);

        Poll.until(Duration.ofSeconds(5), () -> phases.clock().elapsedMillis() >= start + 20);
        Phase decision = phases.end(Phase.DECISION);

        assertTrue(decision.durationMillis() >= 20, decision.toString());
        assertEquals(decision.durationMillis(), decision.equivalentMillis());
    }

    @Test
    void endWithoutBegin_shouldFailNamingThePhase() {
        PhaseClock phases = new PhaseClock(DrillClock.startNow(TimeScale.REAL_TIME));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> phases.end(Phase.FENCING));

        assertEquals("phase fencing was never started", e.getMessage());
    }

    @Test
    void unknownPhaseName_shouldBeRejectedListingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Phase("failover", 0, 1, false, 1));

        assertTrue(e.getMessage().startsWith("unknown phase 'failover', expected one of [detection, decision"));
    }

    @Test
    void writtenReport_shouldReadBackEqual(@TempDir Path dir) throws Exception {
        DrillReport report = SampleReports.seedFailover();
        Path file = dir.resolve("out/report.json");

        DrillReportJson.write(report, file);

        assertEquals(report, DrillReportJson.read(file));
        assertTrue(Files.readString(file).contains("\"durationMillis\" : 3128"));
    }

    private static void advance(AtomicLong nanos, long millis) {
        nanos.addAndGet(Duration.ofMillis(millis).toNanos());
    }
}
