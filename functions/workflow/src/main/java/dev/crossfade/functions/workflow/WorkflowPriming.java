package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import java.util.List;
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
public final class WorkflowPriming implements Resource {

    private final AwsClients clients;
    private final WorkflowConfig config;
    private final List<AwsService<?>> services;

    private WorkflowPriming(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        this.services = List.copyOf(services);
        this.clients = Objects.requireNonNull(clients);
        this.config = Objects.requireNonNull(config);
    }

    /** Registers with the global CRaC context; the caller keeps the instance, which CRaC holds only weakly. */
    public static WorkflowPriming register(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        WorkflowPriming priming = new WorkflowPriming(clients, config, services);
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

    public WarmUp.Answer warmUp() {
        return WarmUp.prime(clients, config, services);
    }
}
