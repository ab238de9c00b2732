package dev.crossfade.functions.workflow;

import java.util.Objects;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming of a workflow step: before Lambda snapshots the initialized function (a
 * published version), the step primes itself as for the run's pre-warm event ({@link WarmUp}):
 * its SDK clients built and its JSON binding loaded, without any AWS call (a step changes AWS
 * state, so the hook must not run one). On a JVM without CRaC (every test and benchmark here)
 * the hook never runs.
 */
final class WorkflowPriming implements Resource {

    private final AwsClients clients;
    private final WorkflowConfig config;

    private WorkflowPriming(AwsClients clients, WorkflowConfig config) {
        this.clients = Objects.requireNonNull(clients);
        this.config = Objects.requireNonNull(config);
    }

    /** Registers with the global CRaC context; the caller keeps the instance, which CRaC holds only weakly. */
    static WorkflowPriming register(AwsClients clients, WorkflowConfig config) {
        WorkflowPriming priming = new WorkflowPriming(clients, config);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        warmUp();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // nothing to reopen: no connection was opened before the snapshot (no AWS call)
    }

    WarmUp.Answer warmUp() {
        return WarmUp.prime(clients, config);
    }
}
