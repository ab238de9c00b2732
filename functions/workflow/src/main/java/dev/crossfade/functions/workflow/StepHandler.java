package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import java.util.List;

/**
 * A workflow step as a Lambda: JSON {@link StepInput} in, a small JSON result out (the state
 * machine keeps only what it selects).
 */
public abstract class StepHandler extends JsonStreamHandler {

    protected StepHandler(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        super(clients, config, services);
    }

    @Override
    protected String handleJson(String json) {
        return Json.write(handle(Json.read(json, StepInput.class).validated()));
    }

    protected abstract Object handle(StepInput input);
}
