package dev.crossfade.cli.diagram;

import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Locale;

/**
 * The topology as a plain SVG picture: DNS (and the accelerator) on top, one box per enabled region
 * in priority order (what runs there: the service, the database role, the detector and the
 * workflow), solid arrows for database replication from the primary, dashed arrows for who watches
 * whom (each region's canaries probe every peer). No library: a few shapes and text.
 */
public final class TopologySvg {

    static final int BOX_W = 220;
    static final int BOX_H = 150;
    static final int GAP = 60;
    static final int TOP = 150;
    static final int MIN_WIDTH = 1000;

    private TopologySvg() {}

    public static String render(Topology t) {
        List<Topology.Region> regions = t.enabledRegions();
        // wide enough for the longest line (the legend, the accelerator's box) at ~7 px a character in 12 px sans-serif,
        // which an SVG would otherwise clip at its edge
        int width = Math.max(regions.size() * (BOX_W + GAP) + GAP, MIN_WIDTH);
        int height = TOP + BOX_H + 170;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append("<title>").append(esc(t.name() + " (" + t.mode().key() + ")")).append("</title>\n");
        s.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">"
                + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(s, GAP, 24, "bold", t.name() + " - " + t.mode().key() + ", " + t.database().engine().key());
        box(s, "dns", GAP, 40, width - 2 * GAP, 36, "#eef5ff");
        text(s, GAP + 10, 63, "", "Route 53: " + t.domain().name() + " (" + t.routing().key() + " routing, health checks every "
                + t.healthCheck().intervalSeconds() + " s x " + t.healthCheck().failureThreshold() + ")");
        if (t.globalAccelerator().enabled()) {
            box(s, "accelerator", GAP, 86, width - 2 * GAP, 30, "#f3eeff");
            text(s, GAP + 10, 106, "", "Global Accelerator: ga." + t.domain().name() + " (TCP 443, one endpoint group per region, traffic dials)");
        }
        for (int i = 0; i < regions.size(); i++) {
            Topology.Region r = regions.get(i);
            int x = x(i);
            arrow(s, "routing", x + BOX_W / 2, t.globalAccelerator().enabled() ? 116 : 76, x + BOX_W / 2, TOP, false);
            box(s, "region " + r.name(), x, TOP, BOX_W, BOX_H, r.primary() ? "#e8f7e8" : "#f6f6f6");
            text(s, x + 10, TOP + 20, "bold", r.name() + (r.primary() ? " (primary)" : " (priority " + r.priority() + ")"));
            text(s, x + 10, TOP + 42, "", "ALB + ECS service: " + r.desiredCount() + " tasks");
            text(s, x + 10, TOP + 62, "", "database: " + (r.primary() ? "writer" : "replica"));
            text(s, x + 10, TOP + 82, "", "VPC " + r.vpcCidr());
            text(s, x + 10, TOP + 102, "", "detector + failover workflow");
            text(s, x + 10, TOP + 122, "", "notifications topic");
        }
        int primary = regions.indexOf(t.primaryRegion());
        int y = TOP + BOX_H;
        for (int i = 0; i < regions.size(); i++) {
            if (i == primary) {
                continue;
            }
            int depth = 30 + 25 * Math.abs(i - primary);
            String label = "replication " + regions.get(primary).name() + " -> " + regions.get(i).name();
            s.append(String.format(Locale.ROOT, "<path class=\"replication\" data-from=\"%s\" data-to=\"%s\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" "
                            + "fill=\"none\" stroke=\"#2a7a2a\" stroke-width=\"2\" marker-end=\"url(#arrow)\"><title>%s</title></path>%n",
                    regions.get(primary).name(), regions.get(i).name(), x(primary) + BOX_W / 2, y, x(primary) + BOX_W / 2, y + depth,
                    x(i) + BOX_W / 2, y + depth, x(i) + BOX_W / 2 - 10, y, esc(label)));
        }
        for (int i = 0; i + 1 < regions.size(); i++) {
            int mid = TOP + BOX_H / 2;
            s.append(String.format(Locale.ROOT, "<line class=\"watch\" data-between=\"%s %s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                            + "stroke=\"#b05a00\" stroke-dasharray=\"5,4\" marker-end=\"url(#arrow)\" marker-start=\"url(#arrow)\">"
                            + "<title>canaries: each region probes the other's health endpoint</title></line>%n",
                    regions.get(i).name(), regions.get(i + 1).name(), x(i) + BOX_W, mid, x(i + 1), mid));
        }
        int legend = height - 40;
        text(s, GAP, legend, "", "solid green: database replication from the primary; dashed orange: canaries "
                + "(each region's detector watches its peers); arrows from DNS: traffic");
        text(s, GAP, legend + 18, "", "failover: quorum " + t.failover().quorum() + ", dwell " + t.failover().dwellSeconds()
                + " s, RPO budget " + t.failover().rpoBudgetSeconds() + " s, " + (t.failover().automatic() ? "automatic" : "monitor mode"));
        return s.append("</svg>\n").toString();
    }

    private static int x(int i) {
        return GAP + i * (BOX_W + GAP);
    }

    private static void box(StringBuilder s, String name, int x, int y, int w, int h, String fill) {
        s.append(String.format(Locale.ROOT, "<rect class=\"box\" data-name=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\" "
                + "fill=\"%s\" stroke=\"#555\"/>%n", esc(name), x, y, w, h, fill));
    }

    private static void arrow(StringBuilder s, String cls, int x1, int y1, int x2, int y2, boolean dashed) {
        s.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#336\"%s marker-end=\"url(#arrow)\"/>%n",
                cls, x1, y1, x2, y2, dashed ? " stroke-dasharray=\"4,3\"" : ""));
    }

    private static void text(StringBuilder s, int x, int y, String weight, String text) {
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\"%s>%s</text>%n", x, y,
                weight.isEmpty() ? "" : " font-weight=\"" + weight + "\"", esc(text)));
    }

    private static String esc(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
