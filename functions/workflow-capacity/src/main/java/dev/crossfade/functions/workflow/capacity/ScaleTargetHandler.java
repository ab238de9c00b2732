package dev.crossfade.functions.workflow.capacity;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Scales the target's service to the old primary's desired count before traffic arrives. */
public final class ScaleTargetHandler extends StepHandler {

    public ScaleTargetHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public ScaleTargetHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, CapacityServices.JAR, new CapacityScaler(clients, config)::scale);
    }
}
