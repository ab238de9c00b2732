package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.WorkflowException;
import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.plan.PlanContext;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import java.util.List;

/**
 * The dry run: the read-only preflight and the plan of every call a real run would make.
 * Makes no mutating call; a failing check is reported as {@code wouldAbort}, not thrown.
 */
public final class PlanRunHandler extends StepHandler {

    public record Result(FailoverPlan plan, Preflight.Result preflight, String wouldAbort) {}

    private final Preflight preflight;

    public PlanRunHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PlanRunHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        this.preflight = new Preflight(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        List<String> regions = List.copyOf(config.regions().keySet());
        FailoverPlan plan = FailoverPlan.of(new PlanContext(config.application(), config.engine(),
                config.acceleratorArn().isPresent(), regions, regions, config.activeActive()), input.from(), input.to(), WorkflowMode.FAILOVER);
        try {
            return new Result(plan, preflight.check(input), null);
        } catch (WorkflowException e) {
            return new Result(plan, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
