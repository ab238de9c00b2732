package dev.crossfade.cli.drill;

import java.util.Locale;
import java.util.Map;

/** The final writer and traffic map: one row per region with its traffic share as a bar. */
final class TrafficSvg {

    private static final int WIDTH = 960;
    private static final int LEFT = 120;
    private static final int BAR = 520;
    private static final int ROW = 40;

    private TrafficSvg() {}

    static String render(DrillReport.FinalState f) {
        int height = ROW * f.trafficByRegion().size() + 16;
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"traffic\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                        + " aria-label=\"final traffic by region\">%n", WIDTH, height, WIDTH, height));
        int y = 8;
        for (Map.Entry<String, Integer> e : f.trafficByRegion().entrySet()) {
            String region = e.getKey();
            int share = Math.max(0, Math.min(100, e.getValue()));
            s.append(String.format(Locale.ROOT, "<g class=\"region\" data-region=\"%s\">%n", Html.esc(region)));
            s.append(String.format(Locale.ROOT, "<text class=\"region-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    LEFT - 10, y + 21, Html.esc(region)));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" rx=\"3\" fill=\"#edf2f7\"/>%n",
                    LEFT, y + 4, BAR));
            s.append(String.format(Locale.ROOT, "<rect class=\"share\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"24\" rx=\"3\""
                    + " fill=\"#30638e\"/>%n", LEFT, y + 4, BAR * share / 100));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d%% of traffic</text>%n", LEFT + BAR + 10, y + 21, share));
            int badgeX = LEFT + BAR + 110;
            if (region.equals(f.writerRegion())) {
                s.append(badge(badgeX, y, "writer", "#2f855a"));
                badgeX += 74;
            }
            if (region.equals(f.dnsAnswerRegion())) {
                s.append(badge(badgeX, y, "DNS answer", "#8d6a9f"));
            }
            s.append("</g>\n");
            y += ROW;
        }
        return s.append("</svg>\n").toString();
    }

    private static String badge(int x, int y, String text, String color) {
        int w = text.length() * 7 + 14;
        return String.format(Locale.ROOT, "<rect class=\"badge-box\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\" rx=\"10\""
                + " fill=\"%s\"/><text class=\"badge\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                x, y + 6, w, color, x + w / 2, y + 20, Html.esc(text));
    }
}
