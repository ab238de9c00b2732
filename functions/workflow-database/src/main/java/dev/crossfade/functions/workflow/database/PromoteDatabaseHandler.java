package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Starts the promotion of the target's database (idempotent). */
public final class PromoteDatabaseHandler extends StepHandler {

    public PromoteDatabaseHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PromoteDatabaseHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, RunLock.polling(clients, config, new Promotion(clients, config)::start));
    }
}
