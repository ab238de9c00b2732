package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.emulator.Poll;
import dev.crossfade.cli.drill.testutils.Topologies;
import dev.crossfade.topology.Topology;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProberTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topology topology = Topologies.seed();
    private final RegionHealthServer east = RegionHealthServer.start("us-east-1", "/health");
    private final RegionHealthServer west = RegionHealthServer.start("eu-west-1", "/health");
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<ProbeObservation> observations = new CopyOnWriteArrayList<>();
    private HealthProber prober;

    @AfterEach
    void stop() {
        if (prober != null) {
            prober.close();
        }
        east.close();
        west.close();
    }

    @Test
    void healthyRegions_shouldEachReportOneOkEventAfterThresholdProbes() {
        start(this::collect);

        Poll.until(DEADLINE, "two OK events", () -> events.size() >= 2);

        for (JsonNode event : events) {
            assertEquals("OK", event.at("/detail/state/value").asText());
            assertEquals("INSUFFICIENT_DATA", event.at("/detail/previousState/value").asText());
        }
        assertEquals(List.of("shop-prod-eu-west-1-canary", "shop-prod-us-east-1-canary"),
                events.stream().map(e -> e.at("/detail/alarmName").asText()).sorted().toList());
        assertTrue(probesOf("us-east-1").stream().anyMatch(ProbeResult::ok), prober.results().toString());
        assertTrue(probesOf("eu-west-1").stream().anyMatch(ProbeResult::ok), prober.results().toString());
    }

    @Test
    void failedRegion_shouldAlarmInTheWatchingRegionWithTheCloudWatchEventShape() throws Exception {
        startThenFailEast();

        JsonNode event = alarmEvents().getFirst();
        assertEquals("0", event.get("version").asText());
        assertTrue(event.get("id").asText().matches("[0-9a-f-]{36}"), event.get("id").asText());
        assertEquals("CloudWatch Alarm State Change", event.get("detail-type").asText());
        assertEquals("aws.cloudwatch", event.get("source").asText());
        assertEquals("123456789012", event.get("account").asText());
        assertTrue(event.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), event.toString());
        assertEquals("eu-west-1", event.get("region").asText());
        assertEquals("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:shop-prod-us-east-1-canary",
                event.at("/resources/0").asText());
        assertEquals("shop-prod-us-east-1-canary", event.at("/detail/alarmName").asText());
        assertEquals("OK", event.at("/detail/previousState/value").asText());
        JsonNode state = event.at("/detail/state");
        assertTrue(state.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000"));
        assertTrue(state.get("reason").asText().startsWith("Threshold Crossed: 3 out of the last 3 datapoints were less"));
        JsonNode reasonData = JSON.readTree(state.get("reasonData").asText());
        assertEquals("[0.0,0.0,0.0]", reasonData.get("recentDatapoints").toString());
        JsonNode metricStat = event.at("/detail/configuration/metrics/0/metricStat");
        assertEquals(10, metricStat.get("period").asInt());
        assertEquals("us-east-1", metricStat.at("/metric/dimensions/TargetRegion").asText());
    }

    /**
     * Found by a region outage of the three-region example: the lab ran one canary per watched region
     * (from its first peer) where the deployment runs one per peer, so a quorum of two canaries, which
     * validate accepts for three regions, could never be met in the lab.
     */
    @Test
    void threeRegions_everyPeerShouldWatch_soAFailedRegionAlarmsInEachOfThem() {
        try (RegionHealthServer south = RegionHealthServer.start("ap-southeast-1", "/health")) {
            Map<String, Supplier<URI>> targets = Map.of("us-east-1", east::healthUri, "eu-west-1", west::healthUri,
                    "ap-southeast-1", south::healthUri);
            prober = new HealthProber(Topologies.geo(), targets, DrillClock.startNow(new TimeScale(100)), this::collect, observations::add);
            prober.start();
            Poll.until(DEADLINE, "six OK events (three regions, two watchers each)", () -> events.size() >= 6);

            east.fail();
            Poll.until(DEADLINE, "an ALARM event from each peer", () -> alarmEvents().size() == 2);

            assertEquals(List.of("ap-southeast-1", "eu-west-1"), alarmEvents().stream().map(e -> e.get("region").asText()).sorted().toList());
            assertTrue(alarmEvents().stream().allMatch(e -> e.at("/detail/alarmName").asText().equals("shop-prod-us-east-1-canary")));
            assertEquals(2, prober.alarms("us-east-1").size());
            prober.close();
        }
    }

    @Test
    void failedRegion_shouldAlarmAfterExactlyThresholdRefusedProbes() {
        startThenFailEast();

        List<ProbeObservation> failing = observations.stream()
                .filter(o -> o.result().region().equals("us-east-1") && !o.result().ok()).toList();
        assertEquals(List.of(1, 2, 3), failing.stream().limit(3).map(ProbeObservation::failingStreak).toList());
        assertTrue(failing.get(2).change().isPresent(), "the third failure moves the alarm");
        assertTrue(failing.get(1).change().isEmpty(), "the second failure does not");
        assertEquals("connection refused", failing.getFirst().result().outcome());
        assertEquals("OK", prober.alarm("eu-west-1").state().value());
    }

    @Test
    void recoveredRegion_shouldReturnToOkWithAnEventNamingTheAlarmAsPrevious() {
        startThenFailEast();

        east.recover();
        Poll.until(DEADLINE, "a third OK event", () -> events.size() == 4);

        JsonNode last = events.getLast();
        assertEquals("OK", last.at("/detail/state/value").asText());
        assertEquals("ALARM", last.at("/detail/previousState/value").asText());
        assertEquals(alarmEvents().getFirst().at("/detail/state/timestamp").asText(),
                last.at("/detail/previousState/timestamp").asText());
    }

    @Test
    void timeScaleHundred_shouldSpaceSimulatedProbesByTheTopologyInterval() {
        start(this::collect);

        Poll.until(DEADLINE, "six probes of us-east-1", () -> probesOf("us-east-1").size() >= 6);

        List<ProbeResult> probes = probesOf("us-east-1");
        ProbeResult first = probes.getFirst();
        ProbeResult sixth = probes.get(5);
        double simulatedGap = Duration.between(first.simulatedTime(), sixth.simulatedTime()).toMillis() / 5.0;
        double wallGap = (sixth.atMillis() - first.atMillis()) / 5.0;
        assertEquals(Duration.ofMillis(100), prober.interval());
        assertTrue(simulatedGap > 8_000 && simulatedGap < 12_000, "simulated gap " + simulatedGap);
        assertTrue(wallGap > 80 && wallGap < 120, "wall gap " + wallGap);
    }

    @Test
    void probeThatTimesOut_shouldSkipMissedTicksInsteadOfBursting() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI hanging = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/health");
            AtomicBoolean first = new AtomicBoolean(true);
            Map<String, Supplier<URI>> targets = Map.of("us-east-1", () -> first.getAndSet(false) ? hanging : east.healthUri());
            prober = new HealthProber(topology, targets, DrillClock.startNow(new TimeScale(100)), this::collect, observations::add);
            prober.start();

            Poll.until(DEADLINE, "four probes", () -> probesOf("us-east-1").size() >= 4);

            List<ProbeResult> probes = probesOf("us-east-1");
            assertEquals("timeout", probes.getFirst().outcome());
            for (int i = 2; i < 4; i++) {
                long gap = probes.get(i).atMillis() - probes.get(i - 1).atMillis();
                assertTrue(gap >= 50, "probes " + (i - 1) + " and " + i + " only " + gap + " ms apart: " + probes);
            }
        }
    }

    @Test
    void failingSink_shouldNotStopTheProbes() {
        start(event -> { throw new IllegalStateException("handler down"); });

        Poll.until(DEADLINE, "probes after the sink failed", () ->
                !prober.sinkErrors().isEmpty() && probesOf("us-east-1").size() >= 6);

        assertEquals("event sink: IllegalStateException: handler down", prober.sinkErrors().getFirst());
        assertFalse(prober.results().isEmpty());
    }

    /** Starts the prober, waits for both alarms' OK events, then fails us-east-1 until its alarm's ALARM event. */
    private void startThenFailEast() {
        start(this::collect);
        Poll.until(DEADLINE, "both alarms OK", () -> events.size() >= 2);
        east.fail();
        Poll.until(DEADLINE, "an ALARM event", () -> alarmEvents().size() == 1);
    }

    private void start(Consumer<String> sink) {
        Map<String, Supplier<URI>> targets = Map.of("us-east-1", east::healthUri, "eu-west-1", west::healthUri);
        prober = new HealthProber(topology, targets, DrillClock.startNow(new TimeScale(100)), sink, observations::add);
        prober.start();
    }

    private void collect(String event) {
        try {
            events.add(JSON.readTree(event));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + event, e);
        }
    }

    private List<JsonNode> alarmEvents() {
        return events.stream().filter(e -> e.at("/detail/state/value").asText().equals("ALARM")).toList();
    }

    private List<ProbeResult> probesOf(String region) {
        return prober.results().stream().filter(p -> p.region().equals(region)).toList();
    }
}
