package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Failback: finishes when the rebuilt replica is available; ReplicationPendingException (retried) until then. */
public final class CheckReplicationHandler extends StepHandler {

    private final ReplicationRebuild step;

    public CheckReplicationHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckReplicationHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        this.step = new ReplicationRebuild(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, java.time.Duration.ZERO);
        return step.check(input);
    }
}
