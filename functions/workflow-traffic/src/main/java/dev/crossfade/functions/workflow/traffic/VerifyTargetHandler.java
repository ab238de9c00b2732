package dev.crossfade.functions.workflow.traffic;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Verifies the target takes traffic; VerificationPendingException (retried until the deadline) until then. */
public final class VerifyTargetHandler extends StepHandler {

    public VerifyTargetHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public VerifyTargetHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, TrafficServices.JAR, RunLock.polling(clients, config, new Verification(clients, config)::verify));
    }
}
