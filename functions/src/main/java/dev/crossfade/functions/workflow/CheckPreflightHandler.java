package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Preflight: target healthy, database ready, replica lag against the RPO budget. Read-only. */
public final class CheckPreflightHandler extends StepHandler {

    private final Preflight step;

    public CheckPreflightHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckPreflightHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Preflight(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.check(input);
    }
}
