package dev.crossfade.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A Lambda that is JSON in, JSON out, and also a {@code Function<String,String>}, the shape the
 * local Lambda bridge calls. Exceptions propagate, so their class names become the error names
 * the state machine catches. The pre-warm event ({@link WarmUp}) is answered here, for every step,
 * before the step's own parsing: it builds the step's clients and makes no AWS call.
 */
public abstract class JsonStreamHandler implements RequestStreamHandler, Function<String, String> {

    private static final StepLog LOG = new StepLog(null, java.time.Clock.systemUTC());

    /** The step's clients and the workflow's configuration (null only for a handler without AWS clients). */
    protected final AwsClients clients;
    protected final WorkflowConfig config;
    private final List<AwsService<?>> services;
    @SuppressWarnings("unused") // held: CRaC keeps its resources only weakly
    private final WorkflowPriming priming;

    /** A handler without AWS clients: the warm-up event only loads its JSON classes. */
    protected JsonStreamHandler() {
        this.clients = null;
        this.config = null;
        this.services = List.of();
        this.priming = null;
    }

    /**
     * @param clients  and {@code config}: what the warm-up event primes (the step's own clients and regions)
     * @param services the services of the step's jar (e.g. {@code DatabaseServices.JAR}), whose clients the warm-up builds
     */
    protected JsonStreamHandler(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.config = Objects.requireNonNull(config, "config");
        // SnapStart (infra: every workflow function, published versions): the same priming before the snapshot
        this.services = List.copyOf(services);
        this.priming = WorkflowPriming.register(clients, config, this.services);
    }

    /** The warm-up event is answered at once (no AWS call); any other input goes to the step. */
    @Override
    public final String apply(String json) {
        if (WarmUp.is(json)) {
            return WarmUp.answer(WarmUp.prime(clients, config, services));
        }
        return handleJson(json);
    }

    /** The step itself: its JSON input in, its JSON result out. */
    protected abstract String handleJson(String json);

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
