package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.SampleReports;
import dev.crossfade.topology.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelledPromotionTest {

    private final DrillReport seed = SampleReports.seedFailover();

    @Test
    void rdsPostgres_shouldModelMinutesFromAwsDocsInPlaceOfTheLabsMeasuredPromotion() {
        ModelledPromotion m = ModelledPromotion.of(Topology.Engine.RDS_POSTGRES, seed).orElseThrow();

        assertEquals("rds-postgres", m.engine());
        assertEquals(300_000, m.millis());
        assertEquals(1_240, m.measuredPromotionMillis(), "the measured promotion phase of the sample");
        assertEquals(seed.equivalentRtoMillis() - 1_240 + 300_000, m.rtoMillis());
        assertTrue(m.quote().contains("several minutes or longer"), m.quote());
        assertTrue(m.source().startsWith("https://docs.aws.amazon.com/AmazonRDS/"), m.source());
    }

    @Test
    void auroraGlobal_shouldModelAboutAMinute() {
        ModelledPromotion m = ModelledPromotion.of(Topology.Engine.AURORA_POSTGRES_GLOBAL, seed).orElseThrow();

        assertEquals(60_000, m.millis());
        assertTrue(m.quote().contains("under a minute"), m.quote());
    }

    @Test
    void runWithoutPromotion_shouldHaveNoModel() {
        DrillReport none = DrillReport.of(seed.topology(), seed.failedRegion(), null, DrillReport.Result.NO_FAILOVER, 0,
                List.of(seed.phases().getFirst()), seed.finalState(), List.of(), new TimeScale(10), List.of());

        assertTrue(ModelledPromotion.of(Topology.Engine.RDS_POSTGRES, none).isEmpty());
    }

    @Test
    void summary_shouldPrintTheModelAfterTheMeasuredFiguresLabelledWithItsSource() {
        DrillReport report = seed.withModelledPromotion(ModelledPromotion.of(Topology.Engine.RDS_POSTGRES, seed).orElseThrow());

        String text = TimelineSummary.render(report);

        int measured = text.indexOf("Recovery time (RTO):");
        int cold = text.indexOf("With cold functions:");
        int modelled = text.indexOf("Modelled promotion:  300.0s for rds-postgres, not measured (AWS: \"The promotion process can take several"
                + " minutes or longer");
        assertTrue(measured >= 0 && cold > measured && modelled > cold, text);
        long coldMillis = ColdFunctions.measured().coldStartMillis();
        assertTrue(text.contains("the lab's promotion took 1.24s. RTO with it: " + TimelineSummary.seconds(report.modelledPromotion().rtoMillis())
                + " at real-world intervals, " + TimelineSummary.seconds(report.modelledPromotion().rtoMillis() + coldMillis)
                + " with cold functions"), text);
    }

    @Test
    void reportJson_shouldCarryTheModelAndReadBackEqual(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        DrillReport report = seed.withModelledPromotion(ModelledPromotion.of(Topology.Engine.RDS_POSTGRES, seed).orElseThrow());
        java.nio.file.Path file = dir.resolve("r.json");

        DrillReportJson.write(report, file);

        assertEquals(report, DrillReportJson.read(file));
        assertTrue(java.nio.file.Files.readString(file).contains("\"modelledPromotion\" : {\n    \"engine\" : \"rds-postgres\""),
                java.nio.file.Files.readString(file));
    }

    @Test
    void html_shouldShowTheModelApartAndSayTheRestWasMeasured() {
        DrillReport report = seed.withModelledPromotion(ModelledPromotion.of(Topology.Engine.RDS_POSTGRES, seed).orElseThrow());

        String html = HtmlReport.render(report);

        assertTrue(html.contains("promotion, modelled (rds-postgres)"), html);
        assertTrue(html.contains("Modelled, not measured: the lab promoted its PostgreSQL server in 1.24s"), html);
        assertTrue(html.contains("USER_ReadRepl.Promote.html"), html);
        assertTrue(html.contains("every time in this page was measured, except the promotion time labelled modelled."), html);
        assertTrue(HtmlReport.render(seed).contains("every time in this page was measured.</footer>"));
    }
}
