package dev.crossfade.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * Runs the project's Java handlers for moto's Lambda: moto_launcher.py forwards every Invoke to
 * {@code POST <url>/invoke/<functionName>} when moto was started with {@link #motoEnvironment()}.
 *
 * <p>A handler takes the invocation payload (JSON) and returns the result (JSON). A throwable
 * becomes a Lambda function error whose {@code errorType} is the throwable's fully qualified class
 * name, as the AWS Java runtime reports it; Step Functions uses that {@code errorType} as the error
 * name that {@code Retry}/{@code Catch} match.
 */
public final class LambdaBridge implements AutoCloseable {

    /** The variable moto_launcher.py reads. */
    public static final String ENV_VAR = "CROSSFADE_LAMBDA_BRIDGE";
    static final String NOT_REGISTERED = "Bridge.HandlerNotRegistered";

    /**
     * One invocation that reached a registered handler: the handler's own wall-clock time, from the
     * call to its return or throw (reading the request and writing the answer excluded), so that a
     * caller can tell the handler's share of a task from the emulator's (moto's Step Functions and
     * Lambda, and this bridge's HTTP).
     *
     * @param functionName the function's name as moto invoked it
     * @param region       the region of the function's ARN, null when moto did not send the ARN
     * @param start        when the handler was called (system clock, which moto's timestamps also follow)
     * @param handlerNanos how long the handler ran
     * @param threadId     the thread the handler ran on: a virtual thread of its own for each invocation, so
     *                     a caller can tell which AWS calls the handler made (an interceptor that notes the thread)
     */
    public record Invocation(String functionName, String region, Instant start, long handlerNanos, long threadId) {}

    private final BridgeServer server;
    private final Map<String, Function<String, String>> handlers;
    private final ConcurrentLinkedQueue<Invocation> invocations;

    private LambdaBridge(BridgeServer server, Map<String, Function<String, String>> handlers, ConcurrentLinkedQueue<Invocation> invocations) {
        this.server = server;
        this.handlers = handlers;
        this.invocations = invocations;
    }

    /** Starts the bridge on a free loopback port. */
    public static LambdaBridge start() {
        Map<String, Function<String, String>> handlers = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Invocation> invocations = new ConcurrentLinkedQueue<>();
        return new LambdaBridge(BridgeServer.start("/invoke/", exchange -> handle(handlers, invocations, exchange), "Lambda bridge"),
                handlers, invocations);
    }

    /** Every invocation that reached a handler so far, in the order they ended. */
    public List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    /** Routes invocations of {@code functionName} (the name, not the ARN) in any region to {@code handler}. */
    public LambdaBridge register(String functionName, Function<String, String> handler) {
        handlers.put(Objects.requireNonNull(functionName, "functionName"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Routes invocations of {@code functionName} in {@code region} only; takes precedence over
     * {@link #register(String, Function)}. For a function deployed under one name in each region.
     */
    public LambdaBridge register(String region, String functionName, Function<String, String> handler) {
        return register(Objects.requireNonNull(region, "region") + "/" + functionName, handler);
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return server.url();
    }

    /** The environment to pass to {@link MotoServer#start(Map)}. */
    public Map<String, String> motoEnvironment() {
        return Map.of(ENV_VAR, url().toString());
    }

    private static void handle(Map<String, Function<String, String>> handlers, ConcurrentLinkedQueue<Invocation> invocations,
                               HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = URLDecoder.decode(exchange.getRequestURI().getRawPath().substring("/invoke/".length()), StandardCharsets.UTF_8);
            String payload = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String arn = exchange.getRequestHeaders().getFirst("X-Crossfade-Function-Arn");
            String[] arnParts = arn == null ? new String[0] : arn.split(":");
            Function<String, String> handler = arnParts.length > 3 ? handlers.get(arnParts[3] + "/" + name) : null;
            if (handler == null) {
                handler = handlers.get(name);
            }
            if (handler == null) {
                respond(exchange, 404, error(NOT_REGISTERED,
                        "no handler registered for Lambda function '" + name + "' (" + arn + "; registered: " + new TreeSet<>(handlers.keySet()) + ")"));
                return;
            }
            String result;
            Instant start = Instant.now();
            long started = System.nanoTime();
            try {
                result = handler.apply(payload);
            } catch (Throwable t) { // the Lambda runtime reports every throwable as a function error
                invocations.add(new Invocation(name, arnParts.length > 3 ? arnParts[3] : null, start, System.nanoTime() - started,
                        Thread.currentThread().threadId()));
                respond(exchange, 500, error(t.getClass().getName(), t.getMessage() == null ? t.getClass().getName() : t.getMessage()));
                return;
            }
            invocations.add(new Invocation(name, arnParts.length > 3 ? arnParts[3] : null, start, System.nanoTime() - started,
                    Thread.currentThread().threadId()));
            respond(exchange, 200, result == null ? "null" : result);
        }
    }

    private static String error(String type, String message) {
        return "{\"errorType\":" + Json.quote(type) + ",\"errorMessage\":" + Json.quote(message) + "}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        BridgeServer.respond(exchange, status, "application/json", body);
    }

    @Override
    public void close() {
        server.close();
    }
}
