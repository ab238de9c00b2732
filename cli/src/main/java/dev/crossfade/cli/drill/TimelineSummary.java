package dev.crossfade.cli.drill;

import java.util.Locale;
import java.util.Map;

/** The end-of-drill text: phase table with an ASCII Gantt bar per phase, RTO, final state. */
final class TimelineSummary {

    static final int BAR_WIDTH = 40;

    private TimelineSummary() {}

    static String render(DrillReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nPhase timeline: %s, %s -> %s, %s (time scale %sx)%n%n", r.topology(),
                r.failedRegion(), r.newPrimary() == null ? "none" : r.newPrimary(), r.result(), factor(r.timeScale())));
        long t0 = r.phases().stream().mapToLong(Phase::startMillis).min().orElse(0);
        long span = Math.max(1, r.rtoMillis());
        s.append(String.format(Locale.ROOT, "  %-14s %8s %8s %9s %11s  |%s|%n", "phase", "start", "end", "duration",
                "real-world", center(seconds(t0) + " .. " + seconds(t0 + span), BAR_WIDTH)));
        for (Phase p : r.phases()) {
            s.append(String.format(Locale.ROOT, "  %-14s %8s %8s %9s %10s%s  |%s|%n", p.name(), seconds(p.startMillis()),
                    seconds(p.endMillis()), seconds(p.durationMillis()), seconds(p.equivalentMillis()),
                    p.timeScaled() ? "*" : " ", bar(p.startMillis() - t0, p.endMillis() - t0, span)));
        }
        if (r.phases().stream().anyMatch(Phase::timeScaled)) {
            s.append(String.format(Locale.ROOT, "  * waits on health-check intervals, run %sx faster; real-world = measured x %s%n",
                    factor(r.timeScale()), factor(r.timeScale())));
        }
        s.append(String.format(Locale.ROOT, "%n%s %s measured, %s at real-world intervals%n",
                r.result() == DrillReport.Result.SUCCEEDED ? "Recovery time (RTO):" : "Elapsed, no recovery:",
                seconds(r.rtoMillis()), seconds(r.equivalentRtoMillis())));
        if (r.result() == DrillReport.Result.SUCCEEDED && r.emulatorOverhead() != null) {
            s.append(emulatorLine(r.emulatorOverhead()));
        }
        if (r.result() == DrillReport.Result.SUCCEEDED) {
            ColdFunctions cold = ColdFunctions.measured();
            s.append(cold.line(r.equivalentRtoMillis()));
            if (r.modelledPromotion() != null) {
                s.append(r.modelledPromotion().line(cold.coldStartMillis()));
            }
        }
        s.append(String.format(Locale.ROOT, "Data-loss window:    %s%s%n", seconds(r.dataLossWindowMillis()),
                r.data() == null ? " (no write load measured)"
                        : r.data().lostWrites() == 1 ? " (one write lost: the span of its commit times is 0 by definition)" : ""));
        if (r.data() != null) {
            DrillReport.Data d = r.data();
            s.append(String.format(Locale.ROOT, "Writes:              %d acknowledged, %d lost, %d stale reads, %d refused or cut off;"
                    + " writes unavailable for %s at most%n", d.acknowledgedWrites(), d.lostWrites(), d.staleReads(), d.failedWrites(),
                    seconds(d.writeUnavailableMillis())));
        }
        s.append(finalState(r.finalState()));
        if (!r.mutations().isEmpty()) {
            s.append(String.format(Locale.ROOT, "%nMutations (in order)%n"));
            r.mutations().forEach(m -> s.append("  " + m.service() + " " + m.action() + " in " + m.region())
                    .append(System.lineSeparator()));
        }
        return s.toString();
    }

    /** The measured recovery with the emulator's time on its critical path taken out (docs/drill.md). */
    static String emulatorLine(DrillReport.EmulatorOverhead o) {
        StringBuilder kept = new StringBuilder();
        if (o.failedCalls() > 0) {
            kept.append(String.format(Locale.ROOT, "; kept in it: %s in %d AWS call%s that failed (a region that is out refusing them; AWS would"
                    + " charge such calls too)", seconds(o.failedCallsMillis()), o.failedCalls(), o.failedCalls() == 1 ? "" : "s"));
        }
        if (o.untimedTasks() > 0) {
            kept.append(kept.isEmpty() ? "; kept in it: " : ", and ").append(o.untimedTasks()).append(" task")
                    .append(o.untimedTasks() == 1 ? "" : "s").append(" the bridge did not time, whole");
        }
        return String.format(Locale.ROOT, "Without emulator:    %s measured: the recovery minus %s of emulator time on its critical path (%s around"
                        + " %d workflow task%s in moto's Step Functions, Lambda and the bridge; %s in their handlers' %d AWS call%s answered by"
                        + " moto and the lab's stand-ins; %s between states, the PreWarm included; %s in the detectors' AWS calls before the run"
                        + " started)%s%n",
                seconds(o.rtoWithoutEmulatorMillis()), seconds(o.millis()), seconds(o.aroundTasksMillis()), o.tasks(), o.tasks() == 1 ? "" : "s",
                seconds(o.awsCallsMillis()), o.awsCalls(), o.awsCalls() == 1 ? "" : "s", seconds(o.betweenStatesMillis()),
                seconds(o.detectorCallsMillis()), kept);
    }

    private static String finalState(DrillReport.FinalState f) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%nFinal state%n  %-16s %-7s %8s  %s%n",
                "region", "writer", "traffic", "DNS answer"));
        for (Map.Entry<String, Integer> e : f.trafficByRegion().entrySet()) {
            String region = e.getKey();
            String row = String.format(Locale.ROOT, "  %-16s %-7s %7d%%  %s", region,
                    region.equals(f.writerRegion()) ? "yes" : "", e.getValue(),
                    region.equals(f.dnsAnswerRegion()) ? "yes" : "");
            s.append(row.stripTrailing()).append(System.lineSeparator());
        }
        return s.toString();
    }

    static String bar(long from, long to, long span) {
        int start = (int) Math.min(BAR_WIDTH - 1, Math.round((double) from * BAR_WIDTH / span));
        int end = (int) Math.min(BAR_WIDTH, Math.max(start + 1, Math.round((double) to * BAR_WIDTH / span)));
        return " ".repeat(start) + "#".repeat(end - start) + " ".repeat(BAR_WIDTH - end);
    }

    static String seconds(long millis) {
        return String.format(Locale.ROOT, millis < 10_000 ? "%.2fs" : "%.1fs", millis / 1000.0);
    }

    private static String factor(double f) {
        return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
    }

    private static String center(String text, int width) {
        int left = Math.max(0, (width - text.length()) / 2);
        return (" ".repeat(left) + text + " ".repeat(width)).substring(0, width);
    }
}
