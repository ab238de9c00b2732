package dev.crossfade.cli.drill;

import dev.crossfade.cli.drill.DrillReport.TimelineEvent;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The drill's human output: live lines stamped with measured wall-clock seconds since the drill
 * started ({@code [  12.3s] detection: ...}), kept for the report, and the final summary.
 */
public final class TimelinePrinter {

    private final PrintWriter out;
    private final DrillClock clock;
    private final List<TimelineEvent> events = new ArrayList<>();
    private final boolean live;

    public TimelinePrinter(PrintWriter out, DrillClock clock) {
        this(out, clock, true);
    }

    /** @param live false ({@code --quiet}): lines are kept for the report but not printed; the summary still is */
    public TimelinePrinter(PrintWriter out, DrillClock clock, boolean live) {
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.live = live;
    }

    public DrillClock clock() {
        return clock;
    }

    /** Prints one timeline line now (kept for the report). */
    public void line(String phase, String message) {
        line(clock.elapsedMillis(), phase, message);
    }

    public synchronized void line(long atMillis, String phase, String message) {
        events.add(new TimelineEvent(atMillis, phase, message));
        print(atMillis, phase, message);
    }

    /**
     * Prints a progress line now that is not part of the timeline (what the drill waits for, which
     * workflow step runs): shown live, left out of the report.
     */
    public synchronized void progress(String topic, String message) {
        print(clock.elapsedMillis(), topic, message);
    }

    private void print(long atMillis, String phase, String message) {
        if (!live) {
            return;
        }
        out.printf(Locale.ROOT, "[%6.1fs] %s: %s%n", atMillis / 1000.0, phase, message);
        out.flush();
    }

    /**
     * Every line printed so far, for {@link DrillReport#events()}, by time. Probe lines carry the
     * probe's start, so concurrent probes may have printed slightly out of order.
     */
    public synchronized List<TimelineEvent> events() {
        return events.stream().sorted(java.util.Comparator.comparingLong(TimelineEvent::atMillis)).toList();
    }

    /**
     * A probe listener for {@link HealthProber}: reports failing probes up to the threshold,
     * recovering probes while the alarm is not OK, and every alarm change; healthy steady state
     * stays quiet.
     */
    public Consumer<ProbeObservation> probes() {
        return o -> {
            CanaryAlarmSpec alarm = o.alarm();
            String watcher = alarm.alarmRegion() + " canary";
            String streak = " (%d/%d)";
            ProbeResult r = o.result();
            if (!r.ok() && o.failingStreak() <= alarm.threshold()) {
                line(r.atMillis(), Phase.DETECTION, watcher + " sees " + r.region() + " failing"
                        + streak.formatted(o.failingStreak(), alarm.threshold()) + ", " + r.outcome());
            } else if (r.ok() && o.change().isEmpty() && !AlarmStateDetail.OK.equals(o.alarmState())
                    && o.passingStreak() <= alarm.threshold()) {
                line(r.atMillis(), "canary", watcher + " sees " + r.region() + " answering"
                        + streak.formatted(o.passingStreak(), alarm.threshold()));
            }
            o.change().ifPresent(c -> line(r.atMillis(),
                    AlarmStateDetail.ALARM.equals(c.current().value()) ? Phase.DETECTION : "canary",
                    "alarm " + alarm.name() + " " + c.previous().value() + " -> " + c.current().value()
                            + " in " + alarm.alarmRegion() + ", event sent"));
        };
    }

    /** Prints the phase table with its bar chart, the recovery time and the final traffic map. */
    public void summary(DrillReport report) {
        out.print(TimelineSummary.render(report));
        out.flush();
    }
}
