package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Fences the old primary, best effort; what could not be done is in the result, never an error. */
public final class FenceOldPrimaryHandler extends StepHandler {

    public FenceOldPrimaryHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public FenceOldPrimaryHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, new Fencing(clients, config)::fence);
    }
}
