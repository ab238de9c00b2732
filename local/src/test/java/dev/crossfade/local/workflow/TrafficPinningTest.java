package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.traffic.TrafficPinning;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.SeedInMoto;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficPinningTest extends SeedInMoto {

    @Test
    void failover_shouldDialTheTargetUpAndTheOldPrimaryDown() {
        TrafficPinning.Result result = new TrafficPinning(app.clients(), app.config())
                .pin(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals(Map.of(PRIMARY, 0f, STANDBY, 100f), result.dials());
        assertEquals(Map.of(PRIMARY, 0f, STANDBY, 100f), app.dials());
    }

    @Test
    void targetWithoutEndpointGroup_shouldLeaveTheOldPrimaryDialledIn() {
        StepInput toNowhere = new StepInput("failover", PRIMARY, "ap-south-1", "test", "i1", "e1", null);
        WorkflowConfig config = app.config();

        var e = assertThrows(IllegalStateException.class, () -> new TrafficPinning(app.clients(), config).pin(toNowhere));

        assertTrue(e.getMessage().contains("no endpoint group in ap-south-1"), e.getMessage());
        assertEquals(Map.of(PRIMARY, 100f, STANDBY, 0f), app.dials(), "never zero regions dialled in");
    }
}
