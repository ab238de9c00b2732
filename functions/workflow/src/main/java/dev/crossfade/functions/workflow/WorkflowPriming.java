package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import dev.crossfade.functions.lambda.SnapStartPriming;
import java.util.List;
import java.util.Objects;

/**
 * SnapStart priming of a workflow step: before Lambda snapshots the initialized function (a
 * published version), the step primes itself as for the run's pre-warm event ({@link WarmUp}):
 * its SDK clients built and its JSON binding loaded, without any AWS call (a step changes AWS
 * state, so the hook must not run one).
 */
public final class WorkflowPriming extends SnapStartPriming<WarmUp.Answer> {

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
        return registered(new WorkflowPriming(clients, config, services));
    }

    @Override
    public WarmUp.Answer warmUp() {
        return WarmUp.prime(clients, config, services);
    }
}
