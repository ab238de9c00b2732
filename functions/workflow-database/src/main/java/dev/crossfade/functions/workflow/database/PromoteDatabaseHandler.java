package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;

/** Starts the promotion of the target's database (idempotent). */
public final class PromoteDatabaseHandler extends StepHandler {

    private final Promotion step;

    public PromoteDatabaseHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public PromoteDatabaseHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        this.step = new Promotion(clients, config);
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, java.time.Duration.ZERO);
        return step.start(input);
    }
}
