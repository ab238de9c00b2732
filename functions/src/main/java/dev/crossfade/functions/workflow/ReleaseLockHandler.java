package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Releases the run lock if this execution holds it; called on every terminal path. */
public final class ReleaseLockHandler extends StepHandler {

    private final AwsClients clients;
    private final WorkflowConfig config;

    public ReleaseLockHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public ReleaseLockHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        this.clients = Objects.requireNonNull(clients);
        this.config = Objects.requireNonNull(config);
    }

    @Override
    protected Object handle(StepInput input) {
        return java.util.Map.of("released", new RunLock(clients, config, input.to(), AcquireLockHandler.LEASE).release(input));
    }
}
