package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.util.Objects;
import java.util.Optional;

/** Failback: rebuilds replication from the current primary into the region being re-activated (idempotent). */
public final class RebuildReplicationHandler extends StepHandler {

    public RebuildReplicationHandler() {
        this(Defaults.clients(), Defaults.config(), ReplicaPlacement.fromEnv(System.getenv()));
    }

    public RebuildReplicationHandler(AwsClients clients, WorkflowConfig config) {
        this(clients, config, Optional.empty());
    }

    public RebuildReplicationHandler(AwsClients clients, WorkflowConfig config, Optional<ReplicaPlacement> placement) {
        super(clients, config, DatabaseServices.JAR, new ReplicationRebuild(clients, config, Objects.requireNonNull(placement))::rebuild);
    }
}
