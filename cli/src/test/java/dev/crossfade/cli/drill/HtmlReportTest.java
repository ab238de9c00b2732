package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.SampleReports;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class HtmlReportTest {

    private final DrillReport report = SampleReports.seedFailover();
    private final String html = HtmlReport.render(report);
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    @Test
    void page_shouldBeWellFormedWithOneGanttBarPerPhaseInOrder() throws Exception {
        Document doc = parse(html);

        NodeList bars = nodes(doc, "//svg[@class='gantt']/rect[@class='phase']");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bars.getLength(); i++) {
            names.add(bars.item(i).getAttributes().getNamedItem("data-phase").getNodeValue());
        }
        assertEquals(Phase.NAMES, names);
        assertEquals("Crossfade drill: shop-prod", xpath.evaluate("/html/head/title", doc));
    }

    @Test
    void ganttBars_shouldBeAsLongAsTheMeasuredPhases() throws Exception {
        Document doc = parse(html);

        double detection = number(doc, "//rect[@data-phase='detection']/@width");
        double verification = number(doc, "//rect[@data-phase='verification']/@width");
        double firstX = number(doc, "//rect[@data-phase='detection']/@x");
        double lastEnd = number(doc, "//rect[@data-phase='verification']/@x") + verification;

        assertEquals(3_128.0 / 540, detection / verification, 0.05);
        assertEquals(3_128.0 / 6_418, detection / (lastEnd - firstX), 0.01);
        assertEquals(1.0, number(doc, "count(//svg[@class='gantt']/rect[@fill='url(#scaled)'])"));
    }

    @Test
    void axisTicks_shouldCountWholeSecondsFromTheFirstPhase() {
        assertEquals(1_000, PhaseChartSvg.niceStep(6_418));
        assertEquals(50, PhaseChartSvg.niceStep(420));
        assertEquals("0s", PhaseChartSvg.tickLabel(0, 1_000));
        assertEquals("6s", PhaseChartSvg.tickLabel(6_000, 1_000));
        assertEquals("0.15s", PhaseChartSvg.tickLabel(150, 50));
        assertTrue(html.contains(">0s</text>") && html.contains(">6s</text>") && !html.contains(">7s</text>"));
    }

    @Test
    void trafficMap_shouldShowEachRegionShareAndTheWriter() throws Exception {
        Document doc = parse(html);

        assertEquals(520.0, number(doc, "//g[@data-region='eu-west-1']/rect[@class='share']/@width"));
        assertEquals(0.0, number(doc, "//g[@data-region='us-east-1']/rect[@class='share']/@width"));
        assertEquals("writer", xpath.evaluate("//g[@data-region='eu-west-1']/text[@class='badge'][1]", doc));
        assertEquals(0.0, number(doc, "count(//g[@data-region='us-east-1']/text[@class='badge'])"));
        assertTrue(html.contains("PromoteReadReplica"));
    }

    @Test
    void page_shouldFetchNothing() {
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no linked resources");
        assertFalse(html.contains("http"), "no absolute URLs");
        assertFalse(html.matches("(?s).*url\\((?!#).*"), "url() only for in-page patterns");
        assertFalse(html.contains("@import") || html.contains("@font-face"));
    }

    @Test
    void markupInAMessage_shouldBeEscaped() throws Exception {
        DrillReport hostile = DrillReport.of(report.topology(), report.failedRegion(), report.newPrimary(),
                report.result(), 0, report.phases(), report.finalState(), report.mutations(), new TimeScale(10),
                List.of(new DrillReport.TimelineEvent(5, Phase.DECISION, "<img src=x onerror=alert(1)> & done")));

        String page = HtmlReport.render(hostile);

        assertTrue(page.contains("&lt;img src=x onerror=alert(1)&gt; &amp; done"), page);
        parse(page);
    }

    @Test
    void abortedDrillWithoutMutations_shouldSayNothingChanged() throws Exception {
        DrillReport aborted = DrillReport.of(report.topology(), report.failedRegion(), null, DrillReport.Result.ABORTED,
                0, report.phases().subList(0, 1), report.finalState(), List.of(), new TimeScale(10), List.of());

        String page = HtmlReport.render(aborted);

        assertTrue(page.contains("us-east-1 failed; no failover."), page);
        assertTrue(page.contains("elapsed, no recovery") && !page.contains("recovery time, measured"), page);
        assertTrue(page.contains("None: the drill changed nothing."), page);
        assertEquals("inside", xpath.evaluate("//text[contains(@class,'duration')]/@class", parse(page)).split(" ")[1]);
    }

    @Test
    void write_shouldCreateTheFileWithTheRenderedPage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");

        HtmlReport.write(report, file);

        assertEquals(html, Files.readString(file));
    }

    private static Document parse(String page) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(page)));
    }

    private NodeList nodes(Document doc, String expression) throws Exception {
        return (NodeList) xpath.evaluate(expression, doc, XPathConstants.NODESET);
    }

    private double number(Document doc, String expression) throws Exception {
        return (Double) xpath.evaluate(expression, doc, XPathConstants.NUMBER);
    }
}
