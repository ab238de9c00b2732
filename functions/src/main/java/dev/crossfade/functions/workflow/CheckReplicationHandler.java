package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Failback: finishes when the rebuilt replica is available; ReplicationPendingException (retried) until then. */
public final class CheckReplicationHandler extends StepHandler {

    private final ReplicationRebuild step;

    public CheckReplicationHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckReplicationHandler(AwsClients clients, WorkflowConfig config) {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new ReplicationRebuild(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.check(input);
    }
}
