package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Finishes when the target is the writer; PromotionPendingException (retried) until then. */
public final class CheckPromotionHandler extends StepHandler {

    private final Promotion step;

    public CheckPromotionHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckPromotionHandler(AwsClients clients, WorkflowConfig config) {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Promotion(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.check(input);
    }
}
