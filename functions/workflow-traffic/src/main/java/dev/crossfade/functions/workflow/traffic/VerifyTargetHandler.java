package dev.crossfade.functions.workflow.traffic;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Verifies the target takes traffic; VerificationPendingException (retried until the deadline) until then. */
public final class VerifyTargetHandler extends StepHandler {

    private final Verification step;

    public VerifyTargetHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public VerifyTargetHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, TrafficServices.JAR);
        this.step = new Verification(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, java.time.Duration.ZERO);
        return step.verify(input);
    }
}
