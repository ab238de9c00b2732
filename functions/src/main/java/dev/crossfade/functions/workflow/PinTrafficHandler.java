package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Best-effort control-plane pinning: Global Accelerator dials in stages. */
public final class PinTrafficHandler extends StepHandler {

    private final TrafficPinning step;

    public PinTrafficHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PinTrafficHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new TrafficPinning(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.pin(input);
    }
}
