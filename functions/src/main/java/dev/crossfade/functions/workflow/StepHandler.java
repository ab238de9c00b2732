package dev.crossfade.functions.workflow;

/**
 * A workflow step as a Lambda: JSON {@link StepInput} in, a small JSON result out (the state
 * machine keeps only what it selects).
 */
public abstract class StepHandler extends JsonStreamHandler {

    protected StepHandler(AwsClients clients, WorkflowConfig config) {
        super(clients, config);
    }

    @Override
    protected String handleJson(String json) {
        return Json.write(handle(Json.read(json, StepInput.class).validated()));
    }

    protected abstract Object handle(StepInput input);
}
