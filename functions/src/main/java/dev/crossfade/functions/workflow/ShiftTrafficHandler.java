package dev.crossfade.functions.workflow;

import java.util.Objects;

/** The data-plane traffic shift: the target's routing control to 1, published in the target region. */
public final class ShiftTrafficHandler extends StepHandler {

    public record Result(String region, String startedAt, String endedAt) {}

    private final RoutingControl routing;

    public ShiftTrafficHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public ShiftTrafficHandler(AwsClients clients, WorkflowConfig config) {
        this.routing = new RoutingControl(Objects.requireNonNull(clients), config.application());
    }

    @Override
    protected Object handle(StepInput input) {
        String startedAt = Timestamps.startOf(input);
        routing.set(input.to(), true);
        return new Result(input.to(), startedAt, Timestamps.now());
    }
}
