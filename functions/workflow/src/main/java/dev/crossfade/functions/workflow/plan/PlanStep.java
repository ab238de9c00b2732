package dev.crossfade.functions.workflow.plan;

/**
 * One AWS call the workflow makes, in order.
 *
 * @param phase      preflight, fencing, promotion, traffic-shift, pinning, verification, record
 * @param bestEffort a failure is recorded and the workflow goes on (never on the critical path)
 */
public record PlanStep(
        int order,
        String phase,
        String action,
        String service,
        String api,
        Plane plane,
        boolean mutating,
        String region,
        boolean bestEffort) {}
