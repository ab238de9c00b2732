package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DisabledRegionTest {

    private static TestApp three;

    @BeforeAll
    static void synth() {
        three = TestApps.threeRegions();
    }

    @Test
    void disabledRegion_shouldLeaveNoTraceInAnyTemplate() {
        ReplicationPlan plan = new ReplicationPlan(three.topology());
        assertEquals(List.of("eu-west-1", "us-west-2"), plan.s3Destinations("us-east-1"));
        assertThrows(IllegalArgumentException.class, () -> plan.s3Destinations("sa-east-1"));
        assertEquals(3 * 3 + 1, three.stacks().size());
        for (String stack : three.stacks().keySet()) {
            String json = String.valueOf(three.template(stack).toJSON());

            assertFalse(json.contains("sa-east-1"), stack + " mentions the disabled region sa-east-1");
            assertFalse(json.contains("10.9.0.0/16"), stack + " mentions the disabled region's CIDR");
        }
    }
}
