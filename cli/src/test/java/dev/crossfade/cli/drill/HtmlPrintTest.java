package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.SampleReports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report prints its whole page: no clipped tables, no cut-off text (issue "People in the loop"). */
class HtmlPrintTest {

    private final String html = HtmlReport.render(SampleReports.seedFailover());

    @Test
    void stylesheet_shouldHavePrintRulesThatLetEverythingFlowOntoPages() {
        String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
        String print = block(css, "@media print");

        assertFalse(css.replaceAll("\\s", "").contains("overflow:hidden"), "nothing clips, on screen or on paper");
        assertTrue(print.contains("@page"), print);
        assertTrue(print.contains("overflow: visible !important"), "no scroll box survives printing: " + print);
        assertTrue(rule(print, "table").contains("width: 100%") && rule(print, "table").contains("table-layout: fixed"),
                "tables fit the page width: " + rule(print, "table"));
        assertTrue(rule(print, "th, td").contains("overflow-wrap: anywhere") && rule(print, "th, td").contains("white-space: normal"),
                "cells wrap instead of running off the page: " + rule(print, "th, td"));
        assertTrue(rule(print, "tr").contains("break-inside: avoid"), "a row is never split between pages");
        assertTrue(rule(print, "thead").contains("table-header-group"), "headers repeat on each page");
        assertTrue(rule(print, "svg").contains("max-width: 100%"), "charts shrink to the page");
        assertTrue(rule(print, "h1, h2").contains("break-after: avoid"), "no heading alone at a page's foot");
    }

    /**
     * A long report printed by headless Chromium: several pages, and the last timeline line and the
     * end of an unbreakable cell value are on paper. Skipped only when Chromium or pdftotext is missing.
     */
    @Test
    void longReport_shouldPrintEveryLineOnSeveralPages(@TempDir Path dir) throws Exception {
        String browser = List.of("chromium", "chromium-browser", "google-chrome").stream().filter(HtmlPrintTest::onPath).findFirst().orElse(null);
        if (browser == null || !onPath("pdftotext")) {
            System.err.println("Chromium or pdftotext is not installed: the print check is skipped");
            return;
        }
        DrillReport seed = SampleReports.seedFailover();
        List<DrillReport.TimelineEvent> events = new ArrayList<>();
        IntStream.range(0, 150).forEach(i -> events.add(new DrillReport.TimelineEvent(i * 100L, Phase.DETECTION, "probe line " + i)));
        events.add(new DrillReport.TimelineEvent(99_999, Phase.VERIFICATION, "the-last-line-of-the-timeline"));
        String longToken = "arn:aws:rds:eu-west-1:123456789012:db:" + "x".repeat(180) + "-END-OF-CELL";
        List<DrillReport.Mutation> mutations = new ArrayList<>(seed.mutations());
        mutations.add(new DrillReport.Mutation("rds", longToken, "eu-west-1"));
        DrillReport longReport = DrillReport.of(seed.topology(), seed.failedRegion(), seed.newPrimary(), seed.result(), 0, seed.phases(),
                seed.finalState(), mutations, new TimeScale(10), events);
        Path page = dir.resolve("r.html");
        Path pdf = dir.resolve("r.pdf");
        HtmlReport.write(longReport, page);

        run(dir, browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + dir.resolve("profile"),
                "--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString());
        String text = run(dir, "pdftotext", "-layout", pdf.toString(), "-");

        assertTrue(text.split("\f").length > 2, "the timeline runs over several pages");
        assertTrue(text.contains("the-last-line-of-the-timeline"), "the last line is printed");
        assertTrue(text.replaceAll("\\s", "").contains("-END-OF-CELL"), "the long cell wraps instead of being cut at the page edge");
        assertTrue(text.contains("probe line 0") && text.contains("probe line 149"), "every line");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + err);
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The body of the block that starts with {@code head} (braces balanced). */
    private static String block(String css, String head) {
        int start = css.indexOf(head);
        assertTrue(start >= 0, "no " + head + " block in:\n" + css);
        int open = css.indexOf('{', start);
        int depth = 0;
        for (int i = open; i < css.length(); i++) {
            depth += css.charAt(i) == '{' ? 1 : css.charAt(i) == '}' ? -1 : 0;
            if (depth == 0) {
                return css.substring(open + 1, i);
            }
        }
        throw new AssertionError("unbalanced " + head + " block");
    }

    /** The declarations of the rule whose selector is exactly {@code selector}. */
    private static String rule(String css, String selector) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(selector) + "\\s*\\{([^}]*)}").matcher(css);
        assertTrue(m.find(), "no rule for " + selector + " in:\n" + css);
        return m.group(1);
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
