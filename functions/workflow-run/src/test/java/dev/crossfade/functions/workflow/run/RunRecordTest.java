package dev.crossfade.functions.workflow.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.run.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunRecordTest {

    @Test
    void detectorTimestamps_shouldAddDetectionAndDecisionPhases() {
        JsonValue state = Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1","incidentId":"i1",
                 "signalAt":"2026-11-22T10:00:00Z","detectedAt":"2026-11-22T10:00:30Z","decidedAt":"2026-11-22T10:01:30Z",
                 "fencing":{"startedAt":"2026-11-22T10:01:31Z","endedAt":"2026-11-22T10:01:32.500Z"}}""");

        RunRecord run = RunRecord.of("shop-prod", "arn:x", "ABORTED", "2026-11-22T10:01:31Z", state);

        assertEquals(List.of(new RunRecord.Phase("detection", "2026-11-22T10:00:00Z", "2026-11-22T10:00:30Z", 30_000),
                new RunRecord.Phase("decision", "2026-11-22T10:00:30Z", "2026-11-22T10:01:30Z", 60_000),
                new RunRecord.Phase("fencing", "2026-11-22T10:01:31Z", "2026-11-22T10:01:32.500Z", 1_500)), run.phases());
    }

    @Test
    void stoppedRun_shouldCarryTheErrorAndCause() {
        JsonValue state = Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1",
                 "error":{"Error":"dev.crossfade.functions.workflow.TargetUnhealthyException","Cause":"alarm is ALARM"}}""");

        RunRecord run = RunRecord.of("shop-prod", "arn:x", "ABORTED", null, state);

        assertEquals("dev.crossfade.functions.workflow.TargetUnhealthyException", run.error());
        assertEquals("alarm is ALARM", run.cause());
        assertEquals(List.of(), run.phases());
    }

    @Test
    void fenceSkippedOrFailedAfterRetries_shouldBeNamedInTheRecord() {
        JsonValue state = Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1",
                 "fencing":{"skipped":["routing control of us-east-1: unreachable: Connection refused"]},
                 "unfenceError":{"Error":"dev.crossfade.functions.workflow.TransientAwsException","Cause":"throttled"}}""");

        RunRecord run = RunRecord.of("shop-prod", "arn:x", "ABORTED", null, state);

        assertEquals(List.of("fence skipped: routing control of us-east-1: unreachable: Connection refused",
                "unfence failed after retries: dev.crossfade.functions.workflow.TransientAwsException: throttled"), run.fencingGaps());
    }

    @Test
    void completeFence_shouldLeaveNoGap() {
        JsonValue state = Json.tree("""
                {"mode":"failover","from":"us-east-1","to":"eu-west-1","fencing":{"routingFenced":true,"skipped":[]}}""");

        assertEquals(List.of(), RunRecord.of("shop-prod", "arn:x", "SUCCEEDED", null, state).fencingGaps());
    }
}
