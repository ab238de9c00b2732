package dev.crossfade.cli.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The drill report as one self-contained page: inline CSS and SVG, no scripts, fonts or links
 * to fetch, so it opens offline and can be attached to a ticket. It is also well-formed XML.
 */
public final class HtmlReport {

    private HtmlReport() {}

    public static void write(DrillReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(report));
    }

    public static String render(DrillReport r) {
        StringBuilder s = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        s.append("<title>Crossfade drill: ").append(Html.esc(r.topology())).append("</title>\n");
        s.append("<style>").append(HtmlStyle.CSS).append("</style>\n</head>\n<body>\n");
        s.append("<h1>Drill report: ").append(Html.esc(r.topology())).append("</h1>\n");
        s.append("<p class=\"lead\">").append(Html.esc(r.failedRegion())).append(" failed; ")
                .append(r.newPrimary() == null ? "no failover" : Html.esc(r.newPrimary()) + " took over")
                .append(". Time scale ").append(Html.esc(factor(r.timeScale())))
                .append("x: health-check waits ran that much faster than in AWS.</p>\n");
        cards(s, r);
        modelled(s, r);
        s.append("<h2>Phase timeline</h2>\n").append(PhaseChartSvg.render(r.phases()));
        s.append("<p class=\"note\">Hatched phases wait on topology intervals and were time-scaled; their"
                + " real-world length is the measured length times the time scale.</p>\n");
        s.append("<h2>Final state</h2>\n").append(TrafficSvg.render(r.finalState()));
        mutations(s, r);
        writes(s, r);
        events(s, r);
        s.append("<footer>crossfade drill --local: every time in this page was measured")
                .append(r.modelledPromotion() == null ? "" : ", except the promotion time labelled modelled")
                .append(".</footer>\n");
        return s.append("</body>\n</html>\n").toString();
    }

    private static void cards(StringBuilder s, DrillReport r) {
        Map<String, String> cards = new java.util.LinkedHashMap<>();
        cards.put("result", r.result().name());
        boolean recovered = r.result() == DrillReport.Result.SUCCEEDED;
        cards.put(recovered ? "recovery time, measured" : "elapsed, no recovery", TimelineSummary.seconds(r.rtoMillis()));
        cards.put("at real-world intervals", TimelineSummary.seconds(r.equivalentRtoMillis()));
        cards.put("data-loss window", TimelineSummary.seconds(r.dataLossWindowMillis()));
        cards.put("writer now", r.finalState().writerRegion());
        if (r.data() != null) {
            cards.put("writes acknowledged", Long.toString(r.data().acknowledgedWrites()));
            cards.put("writes lost", Long.toString(r.data().lostWrites()));
            cards.put("stale reads", Long.toString(r.data().staleReads()));
            cards.put("writes unavailable", TimelineSummary.seconds(r.data().writeUnavailableMillis()));
        }
        s.append("<div class=\"cards\">\n");
        cards.forEach((label, value) -> s.append("<div class=\"card\"><div class=\"value")
                .append(label.equals("result") ? " result-" + r.result().name().toLowerCase(Locale.ROOT) : "")
                .append("\">").append(Html.esc(value)).append("</div><div class=\"label\">")
                .append(Html.esc(label)).append("</div></div>\n"));
        s.append("</div>\n");
    }

    /** AWS's documented promotion time, apart from the measured cards and labelled as a model, with its source. */
    private static void modelled(StringBuilder s, DrillReport r) {
        ModelledPromotion m = r.modelledPromotion();
        if (m == null) {
            return;
        }
        s.append("<div class=\"cards modelled\">\n<div class=\"card\"><div class=\"value\">").append(TimelineSummary.seconds(m.millis()))
                .append("</div><div class=\"label\">promotion, modelled (").append(Html.esc(m.engine())).append(")</div></div>\n")
                .append("<div class=\"card\"><div class=\"value\">").append(TimelineSummary.seconds(m.rtoMillis()))
                .append("</div><div class=\"label\">RTO with the modelled promotion</div></div>\n</div>\n");
        s.append("<p class=\"note\">Modelled, not measured: the lab promoted its PostgreSQL server in ")
                .append(TimelineSummary.seconds(m.measuredPromotionMillis())).append("; on AWS, \u201c").append(Html.esc(m.quote()))
                .append("\u201d (").append(Html.esc(m.source())).append(").</p>\n");
    }

    private static void writes(StringBuilder s, DrillReport r) {
        if (r.data() == null) {
            return;
        }
        s.append("<h2>Writes</h2>\n<p class=\"note\">Acknowledged writes per second by region");
        s.append(r.data().lostWrites() > 0 ? "; red lines mark writes acknowledged and then lost" : "; no acknowledged write was lost");
        s.append(" (fault: ").append(Html.esc(String.valueOf(r.fault()))).append(").</p>\n").append(WriteTimelineSvg.render(r.data()));
    }

    private static void mutations(StringBuilder s, DrillReport r) {
        if (r.mutations().isEmpty()) {
            s.append("<h2>Mutations</h2>\n<p class=\"note\">None: the drill changed nothing.</p>\n");
            return;
        }
        s.append("<h2>Mutations</h2>\n<table class=\"mutations\">\n<tr><th>#</th><th>service</th><th>action</th>"
                + "<th>region</th></tr>\n");
        for (int i = 0; i < r.mutations().size(); i++) {
            DrillReport.Mutation m = r.mutations().get(i);
            s.append("<tr><td>").append(i + 1).append("</td><td>").append(Html.esc(m.service())).append("</td><td>")
                    .append(Html.esc(m.action())).append("</td><td>").append(Html.esc(m.region())).append("</td></tr>\n");
        }
        s.append("</table>\n");
    }

    private static void events(StringBuilder s, DrillReport r) {
        if (r.events().isEmpty()) {
            return;
        }
        s.append("<h2>Timeline</h2>\n<ul class=\"events\">\n");
        r.events().forEach(e -> s.append("<li><span class=\"at\">")
                .append(String.format(Locale.ROOT, "%.1fs", e.atMillis() / 1000.0)).append("</span> <b>")
                .append(Html.esc(e.phase())).append("</b> ").append(Html.esc(e.message())).append("</li>\n"));
        s.append("</ul>\n");
    }

    private static String factor(double f) {
        return f == Math.rint(f) ? String.valueOf((long) f) : String.valueOf(f);
    }
}
