package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;
import java.time.Duration;

/** After the traffic shift: the other regions' replicas follow the new writer (ReplicaRebuild). Best effort. */
public final class RebuildReplicasHandler extends StepHandler {

    private final ReplicaRebuild step;

    public RebuildReplicasHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RebuildReplicasHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        this.step = new ReplicaRebuild(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, Duration.ZERO);
        return step.rebuild(input);
    }
}
