package dev.crossfade.functions.workflow.traffic;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Best-effort control-plane pinning: Global Accelerator dials in stages. */
public final class PinTrafficHandler extends StepHandler {

    public PinTrafficHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PinTrafficHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, TrafficServices.JAR, new TrafficPinning(clients, config)::pin);
    }
}
