package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Failback: finishes when the rebuilt replica is available; ReplicationPendingException (retried) until then. */
public final class CheckReplicationHandler extends StepHandler {

    public CheckReplicationHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckReplicationHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, RunLock.polling(clients, config, new ReplicationRebuild(clients, config)::check));
    }
}
