package dev.crossfade.functions.workflow.run;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;
import java.util.Map;

/** Releases the run lock if this execution holds it; called on every terminal path. */
public final class ReleaseLockHandler extends StepHandler {

    public ReleaseLockHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public ReleaseLockHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, RunServices.JAR,
                input -> Map.of("released", new RunLock(clients, config, input.to(), AcquireLockHandler.LEASE).release(input)));
    }
}
