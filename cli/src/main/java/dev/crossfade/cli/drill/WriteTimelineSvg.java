package dev.crossfade.cli.drill;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The write timeline of the HTML report: acknowledged writes per second, one row per region, and
 * each lost write marked (red) at the moment it was acknowledged. Inline SVG, no script.
 */
final class WriteTimelineSvg {

    private static final int WIDTH = 720;
    private static final int ROW = 34;
    private static final int LABEL = 110;

    private WriteTimelineSvg() {}

    static String render(DrillReport.Data data) {
        Map<String, List<Integer>> rows = data.writesPerSecond();
        int seconds = rows.values().stream().mapToInt(List::size).max().orElse(1);
        int max = rows.values().stream().flatMap(List::stream).mapToInt(Integer::intValue).max().orElse(1);
        double slot = (double) (WIDTH - LABEL) / Math.max(1, seconds);
        int height = ROW * rows.size() + 24;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"writes\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " role=\"img\" aria-label=\"acknowledged writes per second by region\">%n", WIDTH, height, WIDTH, height));
        int y = 0;
        for (Map.Entry<String, List<Integer>> row : rows.entrySet()) {
            s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" class=\"region\">%s</text>%n", y + ROW / 2 + 4, Html.esc(row.getKey())));
            List<Integer> counts = row.getValue();
            for (int i = 0; i < counts.size(); i++) {
                if (counts.get(i) == 0) {
                    continue;
                }
                double h = (ROW - 6) * (double) counts.get(i) / Math.max(1, max);
                s.append(String.format(Locale.ROOT, "<rect class=\"ack\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
                        + "<title>%s: %d acknowledged in second %d</title></rect>%n", LABEL + i * slot, y + ROW - 3 - h,
                        Math.max(1, slot - 1), h, Html.esc(row.getKey()), counts.get(i), i));
            }
            y += ROW;
        }
        for (long at : data.lostAtMillis()) {
            double x = LABEL + at / 1000.0 * slot;
            s.append(String.format(Locale.ROOT, "<line class=\"lost\" x1=\"%.1f\" y1=\"0\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\">"
                    + "<title>lost write acknowledged at %.2fs</title></line>%n", x, x, y, at / 1000.0));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"axis\">0 s</text><text x=\"%d\" y=\"%d\" class=\"axis\""
                + " text-anchor=\"end\">%d s</text>%n", LABEL, y + 16, WIDTH, y + 16, seconds));
        return s.append("</svg>\n").toString();
    }
}
