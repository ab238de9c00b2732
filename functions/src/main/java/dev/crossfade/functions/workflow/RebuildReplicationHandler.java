package dev.crossfade.functions.workflow;

import java.util.Objects;

/** Failback: rebuilds replication from the current primary into the region being re-activated (idempotent). */
public final class RebuildReplicationHandler extends StepHandler {

    private final ReplicationRebuild step;

    public RebuildReplicationHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RebuildReplicationHandler(AwsClients clients, WorkflowConfig config) {
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new ReplicationRebuild(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        return step.rebuild(input);
    }
}
