package dev.crossfade.functions.workflow.traffic;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.AwsCalls;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.Timestamps;
import dev.crossfade.functions.workflow.TransientAwsException;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The data-plane traffic shift: the target's routing control to 1, published in the target region;
 * then, active-passive, every other enabled region's routing control to 0, each in its own region.
 * Failover records are a chain in priority order (docs/routing.md), so turning the target on is
 * not enough: a better-ranked healthy replica region would still be answered. What clients
 * resolve must be the writer whatever its priority. A region that cannot be connected to is
 * recorded: it fails its endpoint health check as well. The target's routing veto
 * ({@link RoutingVeto}) is lifted after it is switched on.
 */
public final class ShiftTrafficHandler extends StepHandler {

    /** @param switchedOff regions whose routing control was set to 0; @param unreachable region: why */
    public record Result(String region, List<String> switchedOff, List<String> unreachable, String startedAt, String endedAt) {}

    private final RoutingControl routing;
    private final RoutingVeto veto;

    public ShiftTrafficHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public ShiftTrafficHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, TrafficServices.JAR);
        this.routing = new RoutingControl(Objects.requireNonNull(clients), config.application());
        this.veto = new RoutingVeto(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        String startedAt = Timestamps.startOf(input);
        // on first: the target takes traffic before anyone else stops, so no moment has zero regions
        routing.set(input.to(), true);
        List<String> off = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        // a veto left on the target (an old primary that came back unfenced earlier) would keep it out of DNS
        try {
            AwsCalls.run("routing veto of " + input.to(), () -> veto.set(input.to(), false));
        } catch (TransientAwsException e) {
            if (!AwsCalls.unreachable(e)) {
                throw e;
            }
            unreachable.add("routing veto of " + input.to() + " in " + veto.holder(input.to()).orElse("(none)") + ": " + e.getMessage());
        }
        if (!config.activeActive()) {
            for (String region : config.regions().keySet()) {
                if (region.equals(input.to())) {
                    continue;
                }
                try {
                    AwsCalls.run("routing control of " + region, () -> routing.set(region, false));
                    off.add(region);
                } catch (TransientAwsException e) {
                    if (!AwsCalls.unreachable(e)) {
                        throw e;
                    }
                    unreachable.add(region + ": " + e.getMessage());
                }
            }
        }
        return new Result(input.to(), off, unreachable, startedAt, Timestamps.now());
    }
}
