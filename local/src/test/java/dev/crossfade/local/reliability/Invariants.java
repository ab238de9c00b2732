package dev.crossfade.local.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.functions.workflow.LockHeldException;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.lab.chaos.Invariants.Violation;
import dev.crossfade.local.lab.chaos.Observer;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The properties every scenario must leave true in the emulated end state, read back from moto:
 * at most one writer; never zero regions taking traffic (routing controls, dials and, with a
 * {@link LabDns}, the DNS answer, which must name only the writer); at most one successful and no running
 * execution per incident; nothing half-done (lock free, and the world either fully failed over or
 * untouched); every mutation accounted for by a run record of the execution that made it.
 * The rules it shares with {@code crossfade chaos} (single writer, the DNS answer, no lock or run
 * left) are {@link dev.crossfade.local.lab.chaos.Invariants}'s: one definition of "safe".
 */
final class Invariants {

    /** Which consistent end state the scenario allows. */
    enum End { FAILED_OVER, UNTOUCHED, EITHER }

    private Invariants() {}

    /**
     * Also what clients resolve: the DNS answer is never empty and, active-passive, names only the
     * writer's region (a replica or a stale old primary in the answer is a finding).
     */
    static End check(EmulatedApplication app, WorkflowHarness harness, MutationRecorder mutations, LabDns dns, String from, String to,
                     End allowed) {
        End found = check(app, harness, mutations, from, to, allowed);
        List<String> answer = dns.settledAnswer();
        List<String> writers = app.writerRegions();
        // the chaos checker's rule; with no writer left (an aborted scenario), only "not empty" applies
        holds(dev.crossfade.local.lab.chaos.Invariants.dnsAnswer(app.topology().mode(), writers.isEmpty() ? answer : writers, answer, Map.of(), java.util.Set.copyOf(app.regions())));
        return found;
    }

    /** @return the end state found, so a scenario can say which one it expected */
    static End check(EmulatedApplication app, WorkflowHarness harness, MutationRecorder mutations, String from, String to, End allowed) {
        List<String> writers = app.writerRegions();
        holds(dev.crossfade.local.lab.chaos.Invariants.singleWriter(writers));

        Map<String, Optional<Double>> routing = new LinkedHashMap<>();
        // where each routing control settles (its desired state, republished each minute), not the minute's Maximum
        app.regions().forEach(r -> routing.put(r, app.settledRouting(r)));
        assertTrue(routing.values().stream().anyMatch(v -> v.orElse(0.0) > 0), "no region takes traffic: " + routing);
        Map<String, Float> dials = app.dials();
        assertTrue(dials.isEmpty() || dials.values().stream().anyMatch(d -> d > 0), "every accelerator dial at 0: " + dials);

        List<DescribeExecutionResponse> executions = executions(app, harness);
        Map<String, List<DescribeExecutionResponse>> byIncident = executions.stream()
                .collect(Collectors.groupingBy(e -> Trees.read(e.input()).path("incidentId").asText()));
        byIncident.forEach((incident, runs) -> {
            assertTrue(runs.stream().noneMatch(e -> e.status() == ExecutionStatus.RUNNING), "still running for " + incident + ": " + runs);
            assertTrue(runs.stream().filter(e -> e.status() == ExecutionStatus.SUCCEEDED).count() <= 1,
                    "more than one successful execution for incident " + incident + ": " + runs.stream().map(e -> e.name()).toList());
        });

        holds(dev.crossfade.local.lab.chaos.Invariants.noRunOnceSettled(Observer.locksHeld(app), executions.stream().filter(e -> e.status() == ExecutionStatus.RUNNING)
                .map(DescribeExecutionResponse::name).toList(), List.of(), false));
        End found = endState(app, writers, routing, dials, from, to);
        if (allowed != End.EITHER) {
            assertEquals(allowed, found, "end state");
        }

        List<JsonNode> records = auditTrail(app, executions);
        List<MutationRecorder.Mutation> made = mutations.mutations();
        if (!made.isEmpty()) {
            assertFalse(records.isEmpty(), "mutations without any run record: " + made);
        }
        assertAccounted(made, records, "PromoteReadReplica", "promotion");
        assertAccounted(made, records, "FailoverGlobalCluster", "promotion");
        assertAccounted(made, records, "SwitchoverGlobalCluster", "promotion");
        if (made.stream().anyMatch(m -> m.action().equals("PutMetricData")) && routing.values().stream().anyMatch(v -> v.isPresent())
                && found == End.FAILED_OVER) {
            assertTrue(records.stream().anyMatch(r -> phases(r).contains("traffic-shift")), "traffic moved without a traffic-shift phase: " + records);
        }
        return found;
    }

    /** Fails the scenario with the shared checker's violation (docs/chaos.md "Invariants"), if any. */
    private static void holds(Optional<Violation> violation) {
        violation.ifPresent(v -> fail(v.toString()));
    }

    private static End endState(EmulatedApplication app, List<String> writers, Map<String, Optional<Double>> routing,
                                Map<String, Float> dials, String from, String to) {
        boolean failedOver = writers.equals(List.of(to)) && routing.get(to).equals(Optional.of(1.0))
                && routing.get(from).equals(Optional.of(0.0)) && (dials.isEmpty() || dials.get(to) == 100f && dials.get(from) == 0f)
                && (app.engine() != dev.crossfade.topology.Topology.Engine.RDS_POSTGRES
                        || "on".equals(app.parameter(from, EmulatedApplication.READ_ONLY_PARAMETER)));
        // active-passive: both routing controls start ON (DNS failover records pick the primary); untouched = the old side still on
        boolean untouched = writers.equals(List.of(from)) && routing.get(from).equals(Optional.of(1.0))
                && (dials.isEmpty() || dials.get(from) == 100f && dials.get(to) == 0f)
                && (app.engine() != dev.crossfade.topology.Topology.Engine.RDS_POSTGRES
                        || app.db(to).readReplicaSourceDBInstanceIdentifier() != null);
        if (failedOver) {
            return End.FAILED_OVER;
        }
        if (untouched) {
            return End.UNTOUCHED;
        }
        return fail("half-done: writers " + writers + ", routing " + routing + ", dials " + dials + ", " + app.snapshot());
    }

    /** Every execution that took the lock left a run record whose status matches how it ended. */
    private static List<JsonNode> auditTrail(EmulatedApplication app, List<DescribeExecutionResponse> executions) {
        List<JsonNode> records = new ArrayList<>();
        for (DescribeExecutionResponse e : executions) {
            if (LockHeldException.class.getName().equals(e.error()) || e.input().contains("\"dry-run\"")) {
                continue;
            }
            String region = e.executionArn().split(":")[3];
            Map<String, AttributeValue> item = app.runRecordItem(region, e.executionArn());
            assertFalse(item.isEmpty(), "no run record for " + e.executionArn() + " (" + e.status() + " " + e.error() + ")");
            JsonNode record = Trees.read(item.get("record").s());
            String status = record.path("status").asText();
            if (e.status() == ExecutionStatus.SUCCEEDED) {
                assertEquals("SUCCEEDED", status, e.executionArn());
            } else {
                assertTrue(status.equals("ABORTED") || status.equals("FAILED"), e.executionArn() + " recorded as " + status);
            }
            records.add(record);
        }
        return records;
    }

    private static void assertAccounted(List<MutationRecorder.Mutation> made, List<JsonNode> records, String action, String phase) {
        if (made.stream().anyMatch(m -> m.action().equals(action))) {
            assertTrue(records.stream().anyMatch(r -> phases(r).contains(phase)), action + " made but no run record has a " + phase + " phase");
        }
    }

    private static List<String> phases(JsonNode record) {
        return record.path("phases").findValuesAsText("name");
    }

    static List<DescribeExecutionResponse> executions(EmulatedApplication app, WorkflowHarness harness) {
        return Observer.executions(app, harness);
    }
}
