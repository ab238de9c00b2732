package dev.crossfade.functions.workflow;

import dev.crossfade.functions.workflow.plan.WorkflowMode;

/**
 * What the state machine passes to every step: the execution input plus where it is.
 *
 * @param executionId the execution ARN ({@code $$.Execution.Id}), the lock owner
 * @param enteredAt   when the state was entered ({@code $$.State.EnteredTime}), a phase start
 * @param promotionStarted only for UnfenceOldPrimary: the promotion call had been accepted
 *                    (the failure came from CheckPromotion), so the fence stays when in doubt
 */
public record StepInput(
        String mode,
        String from,
        String to,
        String reason,
        String incidentId,
        String executionId,
        String enteredAt,
        boolean promotionStarted) {

    public StepInput(String mode, String from, String to, String reason, String incidentId, String executionId, String enteredAt) {
        this(mode, from, to, reason, incidentId, executionId, enteredAt, false);
    }

    public WorkflowMode workflowMode() {
        return WorkflowMode.of(mode);
    }

    /** Rejects an input the workflow cannot act on, naming the field. */
    public StepInput validated() {
        workflowMode();
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("input needs both 'from' and 'to' regions, got from=" + from + " to=" + to);
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("input 'from' and 'to' are the same region: " + to);
        }
        return this;
    }
}
