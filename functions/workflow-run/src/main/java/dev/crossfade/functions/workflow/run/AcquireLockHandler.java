package dev.crossfade.functions.workflow.run;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;
import java.time.Duration;

/** Takes the application's run lock in the target region; LockHeldException when another run holds it. */
public final class AcquireLockHandler extends StepHandler {

    /** The lock's lease, renewed by the polling steps (RunLock). */
    public static final Duration LEASE = RunLock.LEASE;

    public AcquireLockHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public AcquireLockHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, RunServices.JAR, input -> new RunLock(clients, config, input.to(), LEASE).acquire(input));
    }
}
