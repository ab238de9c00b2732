package dev.crossfade.functions.workflow.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology.Engine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailoverPlanTest {

    private static final PlanContext CONTEXT = new PlanContext("shop-prod", Engine.RDS_POSTGRES, true,
            List.of("us-east-1", "eu-west-1"), List.of("us-east-1", "eu-west-1", "us-west-1"));

    @ParameterizedTest
    @CsvSource({"RDS_POSTGRES,FAILOVER", "RDS_POSTGRES,SWITCHOVER", "RDS_POSTGRES,FAILBACK",
            "AURORA_POSTGRES_GLOBAL,FAILOVER", "AURORA_POSTGRES_GLOBAL,SWITCHOVER", "AURORA_POSTGRES_GLOBAL,FAILBACK"})
    void criticalPath_shouldStayInTheTargetRegionAndOffGlobalControlPlanes(Engine engine, WorkflowMode mode) {
        PlanContext context = new PlanContext("shop-prod", engine, true, CONTEXT.enabledRegions(), CONTEXT.allRegions());

        FailoverPlan plan = FailoverPlan.of(context, "us-east-1", "eu-west-1", mode);

        for (PlanStep step : plan.steps()) {
            boolean readOfHealthyCurrentPrimary = mode == WorkflowMode.FAILBACK && step.phase().equals("replication") && !step.mutating();
            if (!step.bestEffort() && !readOfHealthyCurrentPrimary) {
                assertEquals("eu-west-1", step.region(), step.toString());
            }
            if (step.service().equals("globalaccelerator") || step.service().equals("route53")) {
                assertTrue(step.bestEffort(), "global control plane on the critical path: " + step);
            }
        }
    }

    @Test
    void dataPlaneShift_shouldComeBeforeAnyControlPlanePinning() {
        List<PlanStep> steps = FailoverPlan.of(CONTEXT, "us-east-1", "eu-west-1", WorkflowMode.FAILOVER).steps();

        int shift = steps.stream().filter(s -> s.phase().equals("traffic-shift")).findFirst().orElseThrow().order();
        int pin = steps.stream().filter(s -> s.phase().equals("pinning")).findFirst().orElseThrow().order();

        assertTrue(shift < pin);
        assertEquals(Plane.DATA, steps.get(shift - 1).plane());
    }

    @Test
    void disabledOrUnknownRegion_shouldBeRefusedNamingIt() {
        var disabled = assertThrows(PlanInputException.class, () -> FailoverPlan.of(CONTEXT, "us-east-1", "us-west-1", WorkflowMode.FAILOVER));
        var unknown = assertThrows(PlanInputException.class, () -> FailoverPlan.of(CONTEXT, "us-east-1", "mars-1", WorkflowMode.FAILOVER));

        assertTrue(disabled.getMessage().contains("'us-west-1' is disabled"), disabled.getMessage());
        assertTrue(unknown.getMessage().contains("'mars-1' is not in the topology"), unknown.getMessage());
    }

    @Test
    void unknownMode_shouldListTheModes() {
        var e = assertThrows(PlanInputException.class, () -> WorkflowMode.of("yolo"));

        assertEquals("mode 'yolo' is not one of failover, switchover, failback, dry-run", e.getMessage());
    }
}
