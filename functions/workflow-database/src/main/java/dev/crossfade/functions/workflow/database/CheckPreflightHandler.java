package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;

/** Preflight: target healthy, database ready, replica lag against the RPO budget. Read-only. */
public final class CheckPreflightHandler extends StepHandler {

    public CheckPreflightHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckPreflightHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, new Preflight(clients, config)::check);
    }
}
