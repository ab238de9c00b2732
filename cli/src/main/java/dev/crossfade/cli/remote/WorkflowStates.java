package dev.crossfade.cli.remote;

import dev.crossfade.cli.drill.Phase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the states of {@code statemachines/failover.asl.json} mean to an operator: the step label
 * of each progress line, the timeline phase it belongs to (as the run record measures it, see
 * docs/workflow.md), and which endings are a guard stopping the run safely.
 */
public final class WorkflowStates {

    /** The states that make up each phase of the timeline, in order. */
    static final Map<String, List<String>> PHASE_STATES = Map.of(
            Phase.FENCING, List.of("FenceOldPrimary"),
            Phase.PROMOTION, List.of("PromoteDatabase", "CheckPromotion"),
            Phase.TRAFFIC_SHIFT, List.of("ShiftTraffic"),
            Phase.VERIFICATION, List.of("VerifyTarget"));

    private static final Map<String, String> STEPS = Map.ofEntries(
            Map.entry("IsDryRun", "dry-run"), Map.entry("PlanDryRun", "dry-run"), Map.entry("DryRunFailed", "dry-run"),
            Map.entry("PreWarm", "pre-warm"),
            Map.entry("AcquireLock", "lock"), Map.entry("AlreadyRunning", "lock"),
            Map.entry("ReleaseLock", "lock"), Map.entry("ReleaseLockAfterStop", "lock"), Map.entry("ReleaseLockAfterAcquireError", "lock"),
            Map.entry("IsFailback", "replication"), Map.entry("RebuildReplication", "replication"),
            Map.entry("AwaitReplication", "replication"), Map.entry("RebuildReplicas", "replication"),
            Map.entry("Preflight", "preflight"),
            Map.entry("ApprovalNeeded", "approval"), Map.entry("ApprovalWindow", "approval"),
            Map.entry("AwaitApproval", "approval"),
            Map.entry("ScaleTarget", "capacity"),
            Map.entry("PromotionNotAccepted", "rollback"), Map.entry("PromotionAccepted", "rollback"), Map.entry("FencingNotConfirmed", "rollback"),
            Map.entry("UnfenceOldPrimary", "rollback"), Map.entry("TargetPromotedAfterAll", "rollback"),
            Map.entry("PromotionConfirmed", "verification"),
            Map.entry("PinTraffic", "pinning"),
            Map.entry("RecordSuccess", "record"), Map.entry("RecordStop", "record"),
            Map.entry("MarkAborted", "record"), Map.entry("MarkFailed", "record"),
            Map.entry("Done", "end"), Map.entry("Stopped", "end"));

    /** States a run passes only when it stopped safely: nothing changed, or the change was undone. */
    static final Set<String> SAFE_STOPS = Set.of("MarkAborted", "AlreadyRunning");

    /** Error names of the guards (fully qualified for the Java steps, as the Lambda runtime reports them). */
    private static final List<String> GUARD_ERRORS = List.of("TargetUnhealthyException", "ReplicaLagExceededException",
            "LockHeldException", "ReplicationNotReadyException", "PromotionFailedException", "ApprovalRefused",
            "NotCurrentReplicaException", "FencingFailedException");

    private WorkflowStates() {}

    /** The phase a state belongs to, if it is part of one. */
    public static Optional<String> phaseOf(String state) {
        return PHASE_STATES.entrySet().stream().filter(e -> e.getValue().contains(state)).map(Map.Entry::getKey).findFirst();
    }

    /** The label of a state's progress line: its phase, else its workflow step ("lock", "preflight"), else "step". */
    public static String labelOf(String state) {
        // PreWarm's branches are named WarmUp<function key> (statemachines/failover.asl.json)
        return phaseOf(state).orElseGet(() -> STEPS.getOrDefault(state, state.startsWith("WarmUp") ? "pre-warm" : "step"));
    }

    public static boolean isGuardError(String error) {
        return error != null && GUARD_ERRORS.stream().anyMatch(g -> error.equals(g) || error.endsWith("." + g));
    }
}
