package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DrillClockTest {

    private static final Instant START = Instant.parse("2026-11-22T02:00:00Z");

    @Test
    void timeScaleTen_shouldTurnTenSecondsIntoOneSecondOfWallClock() {
        TimeScale scale = new TimeScale(10);

        assertEquals(Duration.ofSeconds(1), scale.toWall(Duration.ofSeconds(10)));
        assertEquals(12_340, scale.toRealWorldMillis(1_234));
    }

    @Test
    void scaleBelowOne_shouldBeRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeScale(0.5));

        assertEquals("time scale must be between 1 and 10000, got 0.5", e.getMessage());
    }

    @Test
    void wallClockSecond_shouldAdvanceSimulatedClockByScaleSeconds() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        DrillClock clock = new DrillClock(START, new TimeScale(10), nanos::get);

        nanos.addAndGet(Duration.ofMillis(1_500).toNanos());

        assertEquals(1_500, clock.elapsedMillis());
        assertEquals(START.plusSeconds(15), clock.instant());
    }

    @Test
    void systemClock_shouldMeasureElapsedTimeMonotonically() {
        DrillClock clock = DrillClock.startNow(TimeScale.REAL_TIME);
        long first = clock.elapsedMillis();

        long later = clock.elapsedMillis();

        assertEquals(true, first >= 0 && later >= first);
    }
}
