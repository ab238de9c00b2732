package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code crossfade diagram}: a well-formed SVG with the topology's regions, replication and watchers. */
class DiagramCommandTest {

    @TempDir
    Path dir;

    /** Every line of text fits inside the picture (an SVG clips at its edge): ~6.5 px a character at 12 px sans-serif. */
    @Test
    void seedDiagram_shouldBeWideEnoughForItsLongestLine() throws Exception {
        Document doc = draw("examples/seed-active-passive.yaml", dir.resolve("seed.svg"));

        int width = Integer.parseInt(doc.getDocumentElement().getAttribute("width"));
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            double right = Double.parseDouble(t.getAttribute("x")) + t.getTextContent().length() * 6.5;
            assertTrue(right <= width, "'" + t.getTextContent() + "' ends at about " + right + " px, past the width " + width);
        }
    }

    @Test
    void threeRegionTopology_shouldDrawEveryEnabledRegionReplicationFromThePrimaryAndTheWatchers() throws Exception {
        Document doc = draw("examples/three-region-geo.yaml", dir.resolve("pics/geo.svg"));

        assertEquals("svg", doc.getDocumentElement().getTagName());
        List<String> regions = attributes(doc, "rect", "data-name").stream().filter(n -> n.startsWith("region ")).toList();
        assertEquals(3, regions.size(), regions.toString());
        List<String> replication = new ArrayList<>();
        NodeList paths = doc.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            if ("replication".equals(p.getAttribute("class"))) {
                replication.add(p.getAttribute("data-from") + "->" + p.getAttribute("data-to"));
            }
        }
        assertEquals(2, replication.size(), replication.toString());
        assertTrue(replication.stream().allMatch(r -> r.startsWith("us-east-1->")), replication.toString());
        assertEquals(2, attributes(doc, "line", "data-between").size(), "canary links between neighbours");
    }

    @Test
    void disabledRegion_shouldNotBeDrawn() throws Exception {
        String seed = Files.readString(Path.of(CliRun.path("examples/seed-active-passive.yaml")));
        Path topology = dir.resolve("t.yaml");
        Files.writeString(topology, seed.replaceFirst("(?m)^regions:.*\n", "regions:\n  ap-south-1:\n    enabled: false\n    priority: 9\n"
                + "    vpcCidr: 10.9.0.0/16\n"));
        Path svg = dir.resolve("seed.svg");

        CliRun run = CliRun.of("diagram", "--topology", topology.toString(), "--svg", svg.toString());

        assertEquals(0, run.exitCode(), run.err());
        String text = Files.readString(svg);
        assertTrue(!text.contains("ap-south-1") && text.contains("us-east-1 (primary)") && text.contains("eu-west-1"), text);
    }

    @Test
    void badTopology_shouldExit2AndWriteNothing() {
        Path svg = dir.resolve("none.svg");

        CliRun run = CliRun.of("diagram", "--topology", dir.resolve("missing.yaml").toString(), "--svg", svg.toString());

        assertEquals(2, run.exitCode());
        assertTrue(!Files.exists(svg));
    }

    /** Draws the repository's {@code topology} into {@code svg}, expecting exit 0, and parses the picture. */
    private static Document draw(String topology, Path svg) throws Exception {
        CliRun run = CliRun.of("diagram", "--topology", CliRun.path(topology), "--svg", svg.toString());
        assertEquals(0, run.exitCode(), run.err());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
    }

    private static List<String> attributes(Document doc, String tag, String attribute) {
        List<String> values = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            String v = ((Element) nodes.item(i)).getAttribute(attribute);
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return values;
    }
}
