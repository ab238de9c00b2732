package dev.crossfade.functions.workflow.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossfade.functions.workflow.database.Preflight;
import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.state.RunLock;
import dev.crossfade.functions.workflow.testutils.RepoRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The run lock's lease fits the run (docs/workflow.md, step 2): computed from failover.asl.json,
 * no stretch of any path between two renewals of the lease can outlast it, and fencing's bound as
 * {@code crossfade plan} prints it is the ASL's.
 */
class RunLeaseTest {

    /** Steps that renew the lease at the start of every attempt (their handlers call RunLock.renew, AcquireLock writes it). */
    private static final Set<String> RENEWING = Set.of("AcquireLock", "PromoteDatabase", "CheckPromotion", "AwaitReplication", "VerifyTarget",
            "RebuildReplicas");
    private static final Set<String> RELEASING = Set.of("ReleaseLock", "ReleaseLockAfterStop", "ReleaseLockAfterAcquireError");

    private final JsonNode states = read().path("States");

    @Test
    void everyStretchBetweenTwoRenewals_shouldFitTheLease() {
        long longest = longest("AcquireLock", 0, new ArrayList<>());

        assertTrue(longest <= RunLock.LEASE.toSeconds(), "a stretch of " + longest + " s between renewals outlasts the lease of "
                + RunLock.LEASE.toSeconds() + " s");
        assertTrue(RunLock.LEASE.toSeconds() < read().path("TimeoutSeconds").asLong(), "the lease must be shorter than the execution timeout");
    }

    @Test
    void approvalWait_shouldBeCoveredByWhatThePreflightExtendsTheLeaseBy() {
        // the wait is the topology's window (ApprovalWindow), at most MAX_APPROVAL_TIMEOUT_MINUTES: the extension covers any
        assertEquals("$.approvalWindow.seconds", states.path("AwaitApproval").path("TimeoutSecondsPath").asText());
        assertEquals(dev.crossfade.topology.Topology.Failover.MAX_APPROVAL_TIMEOUT_MINUTES * 60L, Preflight.APPROVAL_WAIT.toSeconds());
    }

    @Test
    void fencingBoundInThePlan_shouldBeTheWorstCaseOfFenceOldPrimary() {
        assertEquals(FailoverPlan.FENCING_BOUND_SECONDS, worstCase(states.path("FenceOldPrimary")));
    }

    /** The longest time from {@code state} to the next renewal or release, having run {@code elapsed} s since the last. */
    private long longest(String name, long elapsed, List<String> path) {
        JsonNode state = states.path(name);
        if (RELEASING.contains(name) || path.contains(name)) {
            return elapsed;
        }
        List<String> next = new ArrayList<>(path);
        next.add(name);
        long spent;
        if (RENEWING.contains(name)) {
            // renewed at the start of each attempt: what runs after the last one is one attempt and no more waits
            spent = state.path("TimeoutSeconds").asLong();
            elapsed = 0;
        } else if (name.equals("AwaitApproval")) {
            // the preflight extended the lease by APPROVAL_WAIT, the longest window, just before this wait
            spent = dev.crossfade.topology.Topology.Failover.MAX_APPROVAL_TIMEOUT_MINUTES * 60L - Preflight.APPROVAL_WAIT.toSeconds();
        } else if (state.path("Type").asText().equals("Task")) {
            spent = worstCase(state);
        } else {
            spent = 0;
        }
        long here = elapsed + spent;
        long max = here;
        for (String successor : successors(state)) {
            max = Math.max(max, longest(successor, here, next));
        }
        return max;
    }

    /** Every attempt any retrier allows, each up to TimeoutSeconds, plus every backoff wait. */
    static long worstCase(JsonNode task) {
        long timeout = task.path("TimeoutSeconds").asLong(60);
        long attempts = 1;
        double waits = 0;
        for (JsonNode retrier : task.path("Retry")) {
            int max = retrier.path("MaxAttempts").asInt(3);
            double interval = retrier.path("IntervalSeconds").asDouble(1);
            double rate = retrier.path("BackoffRate").asDouble(2);
            attempts += max;
            for (int k = 0; k < max; k++) {
                waits += interval * Math.pow(rate, k);
            }
        }
        return attempts * timeout + Math.round(waits);
    }

    private static List<String> successors(JsonNode state) {
        List<String> next = new ArrayList<>();
        if (state.has("Next")) {
            next.add(state.path("Next").asText());
        }
        if (state.has("Default")) {
            next.add(state.path("Default").asText());
        }
        state.path("Choices").forEach(c -> next.add(c.path("Next").asText()));
        state.path("Catch").forEach(c -> next.add(c.path("Next").asText()));
        return next;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(RepoRoot.path().resolve("statemachines/failover.asl.json").toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
