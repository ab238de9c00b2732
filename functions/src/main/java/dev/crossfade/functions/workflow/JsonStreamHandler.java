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

    private static final StepLog LOG = new StepLog(null, java.time.Clock.systemUTC());

    /** Every step's one logging hook: a structured line per invocation (StepLog), the exception rethrown as it was. */
    @Override
    public final void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        String input = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        StepLog.Invocation log = LOG.start(context == null ? getClass().getSimpleName() : context.getFunctionName(),
                context == null ? null : context.getAwsRequestId(), input);
        String result;
        try {
            result = apply(input);
        } catch (RuntimeException | Error e) {
            log.failed(e);
            throw e;
        }
        log.succeeded();
        out.write(result.getBytes(StandardCharsets.UTF_8));
    }
}
