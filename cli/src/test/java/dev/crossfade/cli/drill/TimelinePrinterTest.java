package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.SampleReports;
import dev.crossfade.cli.drill.testutils.Topologies;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TimelinePrinterTest {

    private final StringWriter out = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();
    private final DrillClock clock = new DrillClock(Instant.EPOCH, new TimeScale(10), nanos::get);
    private final TimelinePrinter printer = new TimelinePrinter(new PrintWriter(out), clock);

    @Test
    void line_shouldBeStampedWithMeasuredSecondsSinceTheStart() {
        nanos.addAndGet(Duration.ofMillis(12_345).toNanos());

        printer.line(Phase.DETECTION, "fault injected");

        assertEquals("[  12.3s] detection: fault injected" + System.lineSeparator(), out.toString());
        assertEquals(12_345, printer.events().getFirst().atMillis());
    }

    @Test
    void failingProbes_shouldCountUpToTheThresholdThenReportTheAlarmOnce() {
        CanaryAlarm alarm = new CanaryAlarm(CanaryAlarmSpec.of(Topologies.seed(), "us-east-1"), Instant.EPOCH);
        Consumer<ProbeObservation> listener = printer.probes();

        for (int i = 1; i <= 7; i++) {
            boolean healthy = i <= 3;
            ProbeResult r = new ProbeResult(i * 1000L, Instant.EPOCH.plusSeconds(10L * i), "us-east-1", healthy, 0.4,
                    healthy ? "HTTP 200" : "connection refused");
            Optional<CanaryAlarm.Change> change = alarm.observe(r.simulatedTime(), healthy);
            listener.accept(new ProbeObservation(r, alarm.spec(), alarm.failingStreak(), alarm.passingStreak(),
                    alarm.state().value(), change));
        }

        assertEquals(List.of(
                "[   3.0s] canary: alarm shop-prod-us-east-1-canary INSUFFICIENT_DATA -> OK in eu-west-1, event sent",
                "[   4.0s] detection: eu-west-1 canary sees us-east-1 failing (1/3), connection refused",
                "[   5.0s] detection: eu-west-1 canary sees us-east-1 failing (2/3), connection refused",
                "[   6.0s] detection: eu-west-1 canary sees us-east-1 failing (3/3), connection refused",
                "[   6.0s] detection: alarm shop-prod-us-east-1-canary OK -> ALARM in eu-west-1, event sent"),
                out.toString().lines().toList().subList(2, 7));
        assertEquals(7, out.toString().lines().count(), out.toString());
    }

    @Test
    void summary_shouldTabulatePhasesWithBarsAndGiveTheRecoveryTime() {
        printer.summary(SampleReports.seedFailover());

        String text = out.toString();
        assertTrue(text.contains("Phase timeline: shop-prod, us-east-1 -> eu-west-1, SUCCEEDED (time scale 10x)"), text);
        String detection = row(text, "detection");
        assertTrue(detection.matches("  detection +0.01s +3.14s +3.13s +31.3s\\*  \\|.*"), detection);
        assertTrue(detection.endsWith("|" + "#".repeat(19) + " ".repeat(21) + "|"), detection);
        assertTrue(row(text, "verification").endsWith("#|"), row(text, "verification"));
        assertTrue(text.contains("Recovery time (RTO): 6.42s measured, 34.6s at real-world intervals"), text);
        ColdFunctions cold = ColdFunctions.measured();
        assertTrue(cold.coldStartMillis() > 0, cold.toString());
        assertTrue(text.contains("With cold functions: " + TimelineSummary.seconds(SampleReports.seedFailover().equivalentRtoMillis() + cold.coldStartMillis()) + " at real-world intervals (+"
                + TimelineSummary.seconds(cold.coldStartMillis()) + ": " + cold.steps() + " workflow cold starts in sequence, measured on "
                + cold.measuredOn() + " on "), text);
        assertTrue(text.contains("Data-loss window:    0.84s"), text);
        assertTrue(text.matches("(?s).*eu-west-1 +yes +100%  yes.*"), text);
        assertTrue(text.matches("(?s).*us-east-1 +0%\\R.*"), text);
        assertTrue(text.contains("|             0.01s .. 6.43s             |"), text);
        assertTrue(text.contains("  rds PromoteReadReplica in eu-west-1"), text);
    }

    @Test
    void oneLostWrite_shouldSayWhyItsWindowIsZero() {
        DrillReport one = SampleReports.seedFailover().with("region-outage", "2026-12-02T10:00:00Z", "x",
                new DrillReport.Data(400, 1, 0, 1, 300, 14_000, java.util.Map.of(), java.util.List.of(9_000L)));

        printer.summary(one);

        assertTrue(out.toString().contains("Data-loss window:    0.00s (one write lost: the span of its commit times is 0 by definition)"),
                out.toString());
    }

    @Test
    void abortedDrill_shouldNotCallTheElapsedTimeARecovery() {
        DrillReport sample = SampleReports.seedFailover();
        DrillReport aborted = DrillReport.of(sample.topology(), sample.failedRegion(), null, DrillReport.Result.ABORTED,
                0, sample.phases().subList(0, 2), sample.finalState(), List.of(), new TimeScale(10), List.of());

        printer.summary(aborted);

        assertTrue(out.toString().contains("shop-prod, us-east-1 -> none, ABORTED"), out.toString());
        assertTrue(out.toString().contains("Elapsed, no recovery: 3.40s measured, 31.6s at real-world intervals"), out.toString());
        assertFalse(out.toString().contains("RTO"), out.toString());
    }

    @Test
    void events_shouldBeOrderedByTimeEvenWhenPrintedOutOfOrder() {
        printer.line(1_142, "canary", "later probe finished first");
        printer.line(1_136, "canary", "earlier probe finished second");

        assertEquals(List.of(1_136L, 1_142L), printer.events().stream().map(DrillReport.TimelineEvent::atMillis).toList());
    }

    @Test
    void bar_shouldAlwaysShowAtLeastOneMark() {
        assertEquals("#" + " ".repeat(39), TimelineSummary.bar(0, 0, 10_000));
        assertEquals("#".repeat(40), TimelineSummary.bar(0, 10_000, 10_000));
    }

    private static String row(String text, String phase) {
        return text.lines().filter(l -> l.startsWith("  " + phase + " ")).findFirst().orElseThrow();
    }
}
