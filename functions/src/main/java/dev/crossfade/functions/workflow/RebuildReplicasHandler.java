package dev.crossfade.functions.workflow;

import java.time.Duration;
import java.util.Objects;

/** After the traffic shift: the other regions' replicas follow the new writer (ReplicaRebuild). Best effort. */
public final class RebuildReplicasHandler extends StepHandler {

    private final ReplicaRebuild step;
    private final AwsClients clients;
    private final WorkflowConfig config;

    public RebuildReplicasHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RebuildReplicasHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
        this.clients = Objects.requireNonNull(clients);
        this.config = Objects.requireNonNull(config);
        this.step = new ReplicaRebuild(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, Duration.ZERO);
        return step.rebuild(input);
    }
}
