package dev.crossfade.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A Lambda that is JSON in, JSON out, and also a {@code Function<String,String>}, the shape the
 * local Lambda bridge calls. Exceptions propagate, so their class names become the error names
 * the state machine catches.
 */
public abstract class JsonStreamHandler implements RequestStreamHandler, Function<String, String> {

    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        out.write(apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
}
