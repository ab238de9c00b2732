package dev.crossfade.cli.drill;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The phase timeline as an inline SVG Gantt chart: one bar per phase on a seconds axis. */
final class PhaseChartSvg {

    static final Map<String, String> COLORS = Map.of(
            Phase.DETECTION, "#d1495b", Phase.DECISION, "#edae49", Phase.FENCING, "#8d6a9f",
            Phase.PROMOTION, "#00798c", Phase.TRAFFIC_SHIFT, "#30638e", Phase.VERIFICATION, "#4c956c");
    private static final int WIDTH = 960;
    private static final int LEFT = 120;
    private static final int RIGHT = 110;
    private static final int TOP = 34;
    private static final int ROW = 36;

    private PhaseChartSvg() {}

    static String render(List<Phase> phases) {
        long t0 = phases.stream().mapToLong(Phase::startMillis).min().orElse(0);
        long t1 = phases.stream().mapToLong(Phase::endMillis).max().orElse(t0 + 1);
        long span = Math.max(1, t1 - t0);
        int height = TOP + ROW * phases.size() + 12;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"gantt\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"phase timeline\">%n", WIDTH, height, WIDTH, height));
        s.append("<defs><pattern id=\"scaled\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"4\" height=\"8\" fill=\"#ffffff\" opacity=\"0.35\"/>"
                + "</pattern></defs>\n");
        axis(s, t0, span, height);
        for (int i = 0; i < phases.size(); i++) {
            bar(s, phases.get(i), TOP + i * ROW, t0, span);
        }
        return s.append("</svg>\n").toString();
    }

    private static void axis(StringBuilder s, long t0, long span, int height) {
        // ticks count from the start of the first phase (the fault), like the RTO
        long step = niceStep(span);
        for (long t = 0; t <= span; t += step) {
            double x = x(t0 + t, t0, span);
            s.append(String.format(Locale.ROOT, "<line class=\"tick\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick-label\" x=\"%.1f\" y=\"%d\">%s</text>%n",
                    x, TOP - 8, x, height - 8, x, TOP - 14, tickLabel(t, step)));
        }
    }

    private static void bar(StringBuilder s, Phase p, int y, long t0, long span) {
        double x = x(p.startMillis(), t0, span);
        double w = Math.max(2, x(p.endMillis(), t0, span) - x);
        String color = COLORS.getOrDefault(p.name(), "#888888");
        s.append(String.format(Locale.ROOT, "<text class=\"phase-label\" x=\"%d\" y=\"%d\">%s</text>%n",
                LEFT - 10, y + 22, Html.esc(p.name())));
        s.append(String.format(Locale.ROOT, "<rect class=\"phase\" data-phase=\"%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                + " height=\"24\" rx=\"3\" fill=\"%s\"><title>%s: %d ms to %d ms</title></rect>%n",
                Html.esc(p.name()), x, y + 6, w, color, Html.esc(p.name()), p.startMillis(), p.endMillis()));
        if (p.timeScaled()) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" rx=\"3\""
                    + " fill=\"url(#scaled)\"/>%n", x, y + 6, w));
        }
        String label = TimelineSummary.seconds(p.durationMillis())
                + (p.timeScaled() ? " (" + TimelineSummary.seconds(p.equivalentMillis()) + " real-world)" : "");
        // right of the bar if it fits, else inside a long bar, else left of it (the row is empty there)
        int labelWidth = label.length() * 7;
        String where = x + w + 6 + labelWidth <= WIDTH ? "right" : w >= labelWidth + 12 ? "inside" : "left";
        double labelX = switch (where) {
            case "right" -> x + w + 6;
            case "inside" -> x + w - 6;
            default -> x - 6;
        };
        s.append(String.format(Locale.ROOT, "<text class=\"duration %s\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>%n",
                where, labelX, y + 22, where.equals("right") ? "start" : "end", Html.esc(label)));
    }

    static String tickLabel(long millis, long step) {
        if (step % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return String.format(Locale.ROOT, step % 100 == 0 ? "%.1fs" : "%.2fs", millis / 1000.0);
    }

    private static double x(long t, long t0, long span) {
        return LEFT + (double) (t - t0) * (WIDTH - LEFT - RIGHT) / span;
    }

    /** 1, 2 or 5 times a power of ten, giving 5 to 10 ticks. */
    static long niceStep(long span) {
        long step = 1;
        while (span / step > 10) {
            long next = String.valueOf(step).startsWith("2") ? step / 2 * 5 : step * 2;
            step = next;
        }
        return step;
    }
}
