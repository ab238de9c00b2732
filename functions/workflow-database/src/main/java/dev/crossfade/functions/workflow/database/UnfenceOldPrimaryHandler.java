package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Undoes the fence after a failed promotion, best effort. */
public final class UnfenceOldPrimaryHandler extends StepHandler {

    public UnfenceOldPrimaryHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public UnfenceOldPrimaryHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, new Fencing(clients, config)::unfence);
    }
}
