package dev.crossfade.bench.coldstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassLoadsTest {

    private static final List<String> LOG = List.of(
            "[0.010s][info][class,load] java.lang.Object source: shared objects file",
            "[0.200s][info][class,load] software.amazon.awssdk.regions.servicemetadata.AcmServiceMetadata source: file:/x/detector.jar",
            "[0.201s][info][class,load] software.amazon.awssdk.regions.servicemetadata.AccountServiceMetadata source: file:/x/detector.jar",
            "[0.202s][info][class,load] software.amazon.awssdk.utils.Lazy$$Lambda/0x0000000012345678 source: software.amazon.awssdk.utils.Lazy",
            "[0.300s][info][class,load] dev.crossfade.bench.coldstart.child.ColdStartChild$FirstEvent source: file:/x/launcher.jar",
            "[0.301s][info][class,load] java.time.format.DateTimeFormatter source: jrt:/java.base",
            "[0.302s][info][class,load] dev.crossfade.decision.DecisionEngine source: file:/x/detector.jar",
            "[0.303s][info][gc] something else");

    @Test
    void log_shouldSplitAtTheMark_andGroupByPackage() {
        ClassLoads.Count c = ClassLoads.parse("v", LOG);

        assertEquals(4, c.init().total());
        assertEquals(2, c.init().fromJar());
        assertEquals(2, c.init().under("software.amazon.awssdk.regions.servicemetadata"));
        assertEquals(Map.entry("software.amazon.awssdk.regions.servicemetadata", 2), c.init().top(1).get(0));
        assertEquals(2, c.firstEvent().total());
        assertEquals(1, c.firstEvent().fromJar());
        assertEquals(1, c.firstEvent().packages().get("java.time.format"));
    }

    @Test
    void hiddenClasses_shouldCountInTheirHostsPackage() {
        assertEquals("software.amazon.awssdk.utils", ClassLoads.packageOf("software.amazon.awssdk.utils.Lazy$$Lambda/0x0000000012345678"));
    }

    @Test
    void noMark_shouldFail() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ClassLoads.parse("v", LOG.subList(0, 3)));
        assertTrue(e.getMessage().contains("mark"), e.getMessage());
    }

    @Test
    void report_shouldListTotalsAndTopPackages() {
        String report = ClassLoads.report(List.of(ClassLoads.parse("detector", LOG)), 5);

        assertTrue(report.contains("| detector | 4 (2) | 2 (1) |"), report);
        assertTrue(report.contains("2  software.amazon.awssdk.regions.servicemetadata"), report);
    }
}
