package dev.crossfade.functions.workflow;

import dev.crossfade.topology.Topology.Engine;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * Fences the old primary so two writers never take traffic together. Best effort: when its
 * region cannot be reached each action is skipped and recorded, and the run goes on (a region
 * that stops reporting its routing metric drops out of DNS by itself).
 */
public final class Fencing {

    /** @param skipped one line per action that failed, naming the action and why */
    public record Result(boolean routingFenced, boolean writesFenced, List<String> skipped, String startedAt, String endedAt) {}

    static final String READ_ONLY_PARAMETER = "default_transaction_read_only";

    private final AwsClients clients;
    private final WorkflowConfig config;

    public Fencing(AwsClients clients, WorkflowConfig config) {
        this.clients = clients;
        this.config = config;
    }

    public Result fence(StepInput input) {
        return apply(input, false);
    }

    /** Undoes the fence after a failed promotion, so the old primary keeps serving (nothing half-done). */
    public Result unfence(StepInput input) {
        return apply(input, true);
    }

    private Result apply(StepInput input, boolean restore) {
        String startedAt = Timestamps.startOf(input);
        String old = input.from();
        List<String> skipped = new ArrayList<>();
        boolean routing = attempt(skipped, "routing control of " + old, () -> new RoutingControl(clients, config.application()).set(old, restore));
        boolean writes = false;
        if (config.engine() == Engine.RDS_POSTGRES) {
            RegionTargets targets = config.region(old);
            writes = attempt(skipped, "read-only parameter of " + targets.dbParameterGroup(), () -> clients.rds(old)
                    .modifyDBParameterGroup(r -> r.dbParameterGroupName(targets.dbParameterGroup()).parameters(Parameter.builder()
                            .parameterName(READ_ONLY_PARAMETER).parameterValue(restore ? "off" : "on")
                            .applyMethod(ApplyMethod.IMMEDIATE).build())));
        }
        return new Result(routing, writes, skipped, startedAt, Timestamps.now());
    }

    private static boolean attempt(List<String> skipped, String what, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            skipped.add(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }
}
