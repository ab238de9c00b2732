package dev.crossfade.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossfade.functions.workflow.plan.WorkflowMode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The execution name is the incident id: deterministic per minute, and never longer than Step Functions allows. */
class RunRequestTest {

    private static final Instant AT = Instant.parse("2026-11-22T03:15:42Z");

    @Test
    void of_shouldNameTheRunByModeRegionsAndUtcMinute() {
        RunRequest request = RunRequest.of(WorkflowMode.SWITCHOVER, "us-east-1", "eu-west-1", "game day", AT);

        assertEquals("drill-us-east-1-to-eu-west-1-20261122-0315", request.name());
        assertEquals("{\"mode\":\"switchover\",\"from\":\"us-east-1\",\"to\":\"eu-west-1\",\"reason\":\"game day\","
                + "\"incidentId\":\"drill-us-east-1-to-eu-west-1-20261122-0315\"}", request.inputJson());
    }

    @Test
    void executionName_shouldBeCutToEightyCharacters() {
        String region = "x".repeat(40);

        String name = RunRequest.executionName(WorkflowMode.FAILOVER, region, region, AT);

        assertEquals(80, name.length());
        assertEquals("manual-" + region + "-to-" + "x".repeat(29), name);
    }

    @Test
    void constructor_shouldRefuseANameStepFunctionsWouldRefuse() {
        assertThrows(IllegalArgumentException.class,
                () -> new RunRequest(WorkflowMode.FAILOVER, "us-east-1", "eu-west-1", "r", "n".repeat(81)));
        assertThrows(IllegalArgumentException.class, () -> new RunRequest(WorkflowMode.FAILOVER, "us-east-1", "eu-west-1", "r", ""));
        assertThrows(NullPointerException.class, () -> new RunRequest(WorkflowMode.FAILOVER, null, "eu-west-1", "r", "n"));
    }
}
