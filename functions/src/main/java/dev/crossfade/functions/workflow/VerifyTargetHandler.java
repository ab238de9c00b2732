package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Verifies the target takes traffic; VerificationPendingException (retried until the deadline) until then. */
public final class VerifyTargetHandler extends StepHandler {

    private final Verification step;

    public VerifyTargetHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public VerifyTargetHandler(AwsClients clients, WorkflowConfig config) {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Verification(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.verify(input);
    }
}
