package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Starts the promotion of the target's database (idempotent). */
public final class PromoteDatabaseHandler extends StepHandler {

    private final Promotion step;

    public PromoteDatabaseHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PromoteDatabaseHandler(AwsClients clients, WorkflowConfig config) {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Promotion(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.start(input);
    }
}
