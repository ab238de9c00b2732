package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsLogic;

/**
 * What a step's logic (as {@code Fencing} is to {@code FenceOldPrimaryHandler}) and the run's
 * shared state work with: the AWS clients and the workflow's configuration, both given by the
 * handler that builds it, and read by the subclass as {@link #clients} and {@link #config}.
 */
public abstract class StepLogic extends AwsLogic<WorkflowConfig> {

    protected StepLogic(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }
}
