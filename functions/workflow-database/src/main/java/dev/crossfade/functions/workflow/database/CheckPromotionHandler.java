package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Finishes when the target is the writer; PromotionPendingException (retried) until then. */
public final class CheckPromotionHandler extends StepHandler {

    public CheckPromotionHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckPromotionHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR, RunLock.polling(clients, config, new Promotion(clients, config)::check));
    }
}
