package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Fences the old primary, best effort; what could not be done is in the result, never an error. */
public final class FenceOldPrimaryHandler extends StepHandler {

    private final Fencing step;

    public FenceOldPrimaryHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public FenceOldPrimaryHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        this.step = new Fencing(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.fence(input);
    }
}
