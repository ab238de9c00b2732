package dev.crossfade.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A workflow step as a Lambda: JSON {@link StepInput} in, a small JSON result out (the state
 * machine keeps only what it selects). Also a {@code Function<String,String>}, the shape the
 * local Lambda bridge calls. Exceptions propagate, so their class names become the error names
 * the state machine catches.
 */
public abstract class StepHandler implements RequestStreamHandler, Function<String, String> {

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        out.write(apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String apply(String json) {
        return Json.write(handle(Json.read(json, StepInput.class).validated()));
    }

    protected abstract Object handle(StepInput input);
}
