package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A workflow step as a Lambda: JSON {@link StepInput} in, a small JSON result out (the state
 * machine keeps only what it selects).
 *
 * <p>Most steps are one call of their step logic, given to the constructor, e.g.
 * {@code super(clients, config, DatabaseServices.JAR, new Fencing(clients, config)::fence)}; a
 * step that does more uses the constructor without a step and overrides {@link #handle}. Either
 * way the subclass is a named class with a public no-arg constructor, which Lambda instantiates.
 */
public abstract class StepHandler extends JsonStreamHandler {

    private final Function<StepInput, ?> step;

    /**
     * @param services the services of the step's jar (e.g. {@code DatabaseServices.JAR}), whose clients the warm-up builds
     * @param step     the step: its validated input in, its result (written as JSON) out
     */
    protected StepHandler(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services, Function<StepInput, ?> step) {
        super(clients, config, services);
        this.step = Objects.requireNonNull(step, "step");
    }

    /** For a step that overrides {@link #handle}. */
    protected StepHandler(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        super(clients, config, services);
        this.step = null;
    }

    @Override
    protected String handleJson(String json) {
        return Json.write(handle(Json.read(json, StepInput.class).validated()));
    }

    /** The step given to the constructor; a step built without one overrides this. */
    protected Object handle(StepInput input) {
        if (step == null) {
            throw new IllegalStateException(getClass().getName() + " was given no step and does not override handle");
        }
        return step.apply(input);
    }
}
