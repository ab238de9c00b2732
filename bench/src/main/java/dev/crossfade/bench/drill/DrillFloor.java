package dev.crossfade.bench.drill;

import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReport.TimelineEvent;
import dev.crossfade.cli.drill.Phase;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The critical-path floor of one local drill, from that run's own inputs (its report and the
 * topology it rehearsed), in the run's wall-clock milliseconds at its time scale: the waits the
 * design imposes, which no orchestration could shorten.
 *
 * <ul>
 *   <li><b>detection</b>: {@code healthCheck.intervalSeconds x failureThreshold}, scaled;</li>
 *   <li><b>decision</b>: the dwell, then the wait for the detectors' first minute-schedule
 *       evaluation after it (the engine counts the dwell from the moment the signal completing the
 *       quorum went to ALARM; once every signal is in ALARM, only the schedule evaluates); both
 *       scaled; without a dwell the quorum's event decides, and the floor is 0;</li>
 *   <li><b>promotion</b>: 0. The emulated {@code PromoteReadReplica} completes at once
 *       (docs/emulation.md), so {@code CheckPromotion} never waits;</li>
 *   <li><b>propagation</b>: 0. The drill's DNS answer follows the health checks and routing
 *       controls at once (no record TTL is waited on; the health check's own flip runs in parallel
 *       with detection) and the accelerator stand-in applies dials at once.</li>
 * </ul>
 *
 * Everything else in the measured recovery time is orchestration: signal delivery, the detectors'
 * work, StartExecution, moto's Step Functions interpreter, the Lambda bridge and the handlers' calls.
 *
 * @param recoveryMillis R, the report's {@code rtoMillis} (fault injected to verification done)
 * @param rows           the recovery time split along the critical path, each with its floor share
 * @param emulatorMillis E, the emulator's time on the critical path as the drill measured it (docs/drill.md)
 * @param failedCallsMillis the handlers' AWS calls that failed (a region that is out), which stay in R - E
 */
public record DrillFloor(double timeScale, long recoveryMillis, double detectionMillis, double dwellMillis,
                         double scheduleWaitMillis, List<Row> rows, long emulatorMillis, long failedCallsMillis) {

    /** The setup line LocalDrill prints right before it starts the detectors' minute schedule. */
    static final String SCHEDULE_START = "every region healthy";

    /** One stretch of the critical path: what it measured and what of it was floor. */
    public record Row(String name, long measuredMillis, double floorMillis) {
        public double overheadMillis() {
            return measuredMillis - floorMillis;
        }
    }

    /** F: the sum of the floor shares. */
    public double floorMillis() {
        return detectionMillis + dwellMillis + scheduleWaitMillis;
    }

    public double overheadMillis() {
        return recoveryMillis - floorMillis();
    }

    public double ratio() {
        return recoveryMillis / floorMillis();
    }

    public double overheadShare() {
        return overheadMillis() / floorMillis();
    }

    /** R - E: the recovery without the emulator's time on its critical path (the report's {@code emulatorOverhead}; 0 without it). */
    public long recoveryWithoutEmulatorMillis() {
        return Math.max(0, recoveryMillis - emulatorMillis);
    }

    /** (R - E) - F: what stays over the floor once the emulator's time is out: our code, the calls that failed. */
    public double overheadWithoutEmulatorMillis() {
        return recoveryWithoutEmulatorMillis() - floorMillis();
    }

    public double overheadWithoutEmulatorShare() {
        return overheadWithoutEmulatorMillis() / floorMillis();
    }

    /**
     * @throws IllegalArgumentException when the run did not fail over (no workflow phases) or its
     *                                  timeline lacks the lines the schedule and the quorum are read from
     */
    public static DrillFloor of(DrillReport report, Topology topology) {
        if (report.result() != DrillReport.Result.SUCCEEDED) {
            throw new IllegalArgumentException("drill of " + report.topology() + " ended " + report.result() + "; only a failover has a recovery time");
        }
        double scale = report.timeScale();
        Topology.HealthCheck hc = topology.healthCheck();
        Topology.Failover fo = topology.failover();
        Phase detection = phase(report, Phase.DETECTION);
        Phase decision = phase(report, Phase.DECISION);
        double detectionFloor = hc.intervalSeconds() * hc.failureThreshold() * 1000.0 / scale;
        double dwell = fo.dwellSeconds() * 1000.0 / scale;
        double scheduleWait = 0;
        if (fo.dwellSeconds() > 0) {
            // with a dwell, the quorum's ALARM only starts it; the first minute-schedule tick after it ends decides.
            // The schedule wait is counted from detection's end, so that the rows' floors add up to F; the few ms
            // between the quorum's ALARM and its delivery stay in detection's measured time.
            double quorumAt = quorumAlarmAt(report, Math.min(fo.quorum(), 2));
            double tick = decidingTick(scheduleStart(report), 60_000.0 / scale, quorumAt + dwell, decision.endMillis());
            scheduleWait = tick - detection.endMillis() - dwell;
        }
        double decisionFloor = dwell + scheduleWait;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(Phase.DETECTION, detection.durationMillis(), detectionFloor));
        rows.add(new Row(Phase.DECISION, decision.durationMillis(), decisionFloor));
        List<Phase> workflow = report.phases().stream().filter(p -> !p.name().equals(Phase.DETECTION) && !p.name().equals(Phase.DECISION)).toList();
        long previousEnd = decision.endMillis();
        for (Phase p : workflow) {
            String gap = previousEnd == decision.endMillis() ? "start to " + p.name() + " (StartExecution, lock, preflight, scale)" : "between phases";
            rows.add(new Row(gap, p.startMillis() - previousEnd, 0));
            rows.add(new Row(p.name(), p.durationMillis(), 0));
            previousEnd = p.endMillis();
        }
        DrillReport.EmulatorOverhead emulator = report.emulatorOverhead();
        return new DrillFloor(scale, report.rtoMillis(), detectionFloor, dwell, scheduleWait, merge(rows),
                emulator == null ? 0 : emulator.millis(), emulator == null ? 0 : emulator.failedCallsMillis());
    }

    /**
     * The schedule tick that could first decide: the first at or after the dwell's end. Ticks fire
     * every period from one period after the schedule started. Timeline stamps are whole
     * milliseconds, so the dwell's end is known to a few ms; if that puts the first tick after the
     * decision (which no evaluation but a tick can make), the tick before it decided.
     */
    static double decidingTick(double scheduleStart, double period, double dwellEnd, long decidedAt) {
        double k = Math.max(1, Math.ceil((dwellEnd - scheduleStart) / period));
        double tick = scheduleStart + k * period;
        if (tick > decidedAt && k > 1) {
            tick -= period;
        }
        return tick;
    }

    /** When the n-th signal about the failed region went to ALARM (its alarm line carries the probe's time). */
    static double quorumAlarmAt(DrillReport report, int n) {
        List<Long> alarms = report.events().stream()
                .filter(e -> e.phase().equals(Phase.DETECTION) && e.message().startsWith("alarm ")
                        && e.message().contains("-" + report.failedRegion() + "-") && e.message().contains("-> ALARM"))
                .map(TimelineEvent::atMillis).sorted().toList();
        if (alarms.size() < n) {
            throw new IllegalArgumentException("the timeline has " + alarms.size() + " ALARM lines about " + report.failedRegion()
                    + ", the quorum needs " + n);
        }
        return alarms.get(n - 1);
    }

    static double scheduleStart(DrillReport report) {
        Optional<TimelineEvent> line = report.events().stream()
                .filter(e -> e.phase().equals("setup") && e.message().startsWith(SCHEDULE_START)).findFirst();
        return line.orElseThrow(() -> new IllegalArgumentException("the timeline has no setup line '" + SCHEDULE_START
                + " ...', after which LocalDrill starts the minute schedule")).atMillis();
    }

    private static Phase phase(DrillReport report, String name) {
        return report.phases().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the report has no " + name + " phase"));
    }

    /** Gaps of the same name are summed, so the breakdown has one "between phases" row. */
    private static List<Row> merge(List<Row> rows) {
        List<Row> merged = new ArrayList<>();
        for (Row r : rows) {
            Optional<Row> same = merged.stream().filter(m -> m.name().equals(r.name())).findFirst();
            if (same.isPresent()) {
                int i = merged.indexOf(same.get());
                merged.set(i, new Row(r.name(), same.get().measuredMillis() + r.measuredMillis(), same.get().floorMillis() + r.floorMillis()));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }
}
