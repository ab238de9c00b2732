package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Verifies the target takes traffic; VerificationPendingException (retried until the deadline) until then. */
public final class VerifyTargetHandler extends StepHandler {

    private final Verification step;
    private final AwsClients clients;
    private final WorkflowConfig config;

    public VerifyTargetHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public VerifyTargetHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Verification(clients, config);
        this.clients = clients;
        this.config = config;
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, java.time.Duration.ZERO);
        return step.verify(input);
    }
}
