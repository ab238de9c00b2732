package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** After the traffic shift: the other regions' replicas follow the new writer (ReplicaRebuild). Best effort. */
public final class RebuildReplicasHandler extends StepHandler {

    public RebuildReplicasHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RebuildReplicasHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, RunLock.polling(clients, config, new ReplicaRebuild(clients, config)::rebuild));
    }
}
