package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.PromotionPendingException;
import dev.crossfade.functions.workflow.StepHandler;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RunLock;
import java.util.Objects;

/** Finishes when the target is the writer; PromotionPendingException (retried) until then. */
public final class CheckPromotionHandler extends StepHandler {

    private final Promotion step;
    private final AwsClients clients;
    private final WorkflowConfig config;

    public CheckPromotionHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public CheckPromotionHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config, DatabaseServices.JAR);
        Objects.requireNonNull(clients);
        Objects.requireNonNull(config);
        this.step = new Promotion(clients, config);
        this.clients = clients;
        this.config = config;
    }

    @Override
    protected Object handle(StepInput input) {
        // a polling step: the run is alive, its lock lease is renewed (RunLock)
        new RunLock(clients, config, input.to()).renew(input, java.time.Duration.ZERO);
        return step.check(input);
    }
}
