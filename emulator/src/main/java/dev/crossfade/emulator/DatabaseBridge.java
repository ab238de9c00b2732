package dev.crossfade.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Lets moto's RDS act on real database servers: moto_launcher.py, started with
 * {@link #motoEnvironment()}, posts each database-changing RDS call to
 * {@code POST <url>/rds/<action>?region=..&...} before recording it, and fails the call when the
 * servers refuse (docs/emulation.md "Real databases").
 *
 * <p>Actions: {@code create-writer} (region, instance or cluster), {@code create-replica} (region,
 * instance or cluster, source region), {@code promote} (region, instance), {@code parameter}
 * (region, instance, name, value), {@code delete} (region, instance), {@code failover} and
 * {@code switchover} (region of the target, cluster, writer region, members' regions).
 */
public final class DatabaseBridge implements AutoCloseable {

    /** The variable moto_launcher.py reads. */
    public static final String ENV_VAR = "CROSSFADE_DATABASE_BRIDGE";

    /** What the servers do for one RDS call. */
    @FunctionalInterface
    public interface Servers {
        /**
         * @throws Refused when the servers' state forbids the action (RDS answers InvalidDBInstanceState);
         *                 any other exception is an internal failure (RDS answers 500)
         */
        void apply(String action, Map<String, String> params);
    }

    /** The servers refuse the action in their present state. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final BridgeServer server;

    private DatabaseBridge(BridgeServer server) {
        this.server = server;
    }

    /** Starts the bridge on a free loopback port. */
    public static DatabaseBridge start(Servers servers) {
        Objects.requireNonNull(servers, "servers");
        return new DatabaseBridge(BridgeServer.start("/rds/", exchange -> handle(servers, exchange), "database bridge"));
    }

    public URI url() {
        return server.url();
    }

    /** The environment to pass to {@link MotoServer#start(Map)} (with the Lambda bridge's, if any). */
    public Map<String, String> motoEnvironment() {
        return Map.of(ENV_VAR, url().toString());
    }

    private static void handle(Servers servers, HttpExchange exchange) throws IOException {
        try (exchange) {
            String action = exchange.getRequestURI().getRawPath().substring("/rds/".length());
            Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
            exchange.getRequestBody().readAllBytes();
            try {
                servers.apply(action, params);
                respond(exchange, 200, "ok");
            } catch (Refused e) {
                respond(exchange, 409, e.getMessage());
            } catch (RuntimeException e) {
                respond(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        BridgeServer.respond(exchange, status, "text/plain; charset=utf-8", body);
    }

    @Override
    public void close() {
        server.close();
    }
}
