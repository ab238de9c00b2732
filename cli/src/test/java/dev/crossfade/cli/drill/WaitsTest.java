package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class WaitsTest {

    private final StringWriter out = new StringWriter();
    private final DrillClock clock = DrillClock.startNow(new TimeScale(20));

    @Test
    void longWait_shouldSayWhatItWaitsForThenRepeatWithTheTimeLeft() {
        Waits waits = new Waits(new TimelinePrinter(new PrintWriter(out), clock, true), Duration.ofMillis(20));

        // done once the waiting has said twice that it still waits: ordering, not timing
        boolean done = waits.until("decision", "the dwell", Duration.ofSeconds(30),
                () -> out.toString().split("still waiting", -1).length > 2, () -> "dwell: 900 ms left");

        assertTrue(done);
        String[] lines = out.toString().split(System.lineSeparator());
        assertTrue(lines[0].matches("\\[ *\\d+\\.\\ds\\] decision: waiting for the dwell \\(at most 30 s\\); dwell: 900 ms left"), lines[0]);
        assertTrue(lines[1].matches("\\[ *\\d+\\.\\ds\\] decision: still waiting for the dwell: \\d+ s so far, at most \\d+ s left; dwell: 900 ms left"),
                lines[1]);
        assertFalse(out.toString().contains("\r"), "no carriage-return spinner");
    }

    @Test
    void conditionAlreadyTrue_shouldPrintNothing() {
        Waits waits = new Waits(new TimelinePrinter(new PrintWriter(out), clock, true));

        assertTrue(waits.until("setup", "nothing", Duration.ofSeconds(1), () -> true, () -> ""));

        assertEquals("", out.toString());
    }

    @Test
    void timeout_shouldReturnFalse() {
        Waits waits = new Waits(new TimelinePrinter(new PrintWriter(out), clock, true));

        assertFalse(waits.until("setup", "something that never comes", Duration.ofMillis(100), () -> false, () -> ""));
        assertTrue(out.toString().contains("waiting for something that never comes (at most 1 s)"), out.toString());
    }

    @Test
    void quiet_shouldPrintNoWaitingLines() {
        Waits waits = new Waits(new TimelinePrinter(new PrintWriter(out), clock, false), Duration.ofMillis(5));
        long deadline = System.nanoTime() + Duration.ofMillis(200).toNanos();

        waits.during("setup", "a blocking start", Duration.ofSeconds(5), () -> "", () -> {
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            return null;
        });

        assertEquals("", out.toString());
    }
}
