package dev.crossfade.cli.drill;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One region's application, reduced to its health endpoint: a real HTTP server on a loopback
 * port. {@link #fail()} closes the listener, so probes get "connection refused" exactly as when
 * a region goes dark; nothing in the prober is told about the fault.
 */
public final class RegionHealthServer implements AutoCloseable {

    private final String region;
    private final String healthPath;
    private HttpServer server;
    private int port;

    private RegionHealthServer(String region, String healthPath) {
        this.region = Objects.requireNonNull(region, "region");
        this.healthPath = Objects.requireNonNull(healthPath, "healthPath");
    }

    /** Starts answering {@code healthPath} on a free loopback port. */
    public static RegionHealthServer start(String region, String healthPath) {
        RegionHealthServer s = new RegionHealthServer(region, healthPath);
        try {
            s.bind(0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the health server of " + region, e);
        }
        return s;
    }

    public String region() { return region; }

    public synchronized int port() { return port; }

    public synchronized boolean isUp() { return server != null; }

    /** The URL a prober calls; it changes only if {@link #recover()} had to take a new port. */
    public synchronized URI healthUri() {
        return URI.create("http://127.0.0.1:" + port + healthPath);
    }

    /** The fault: stop listening and drop open connections. Idempotent. */
    public synchronized void fail() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /**
     * Answers again, on the same port when it is still free (else on a new one).
     *
     * @return true if the port is unchanged
     */
    public synchronized boolean recover() {
        if (server != null) {
            return true;
        }
        int previous = port;
        try {
            try {
                bind(previous);
            } catch (BindException taken) {
                bind(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the health server of " + region, e);
        }
        return port == previous;
    }

    @Override
    public void close() {
        fail();
    }

    private void bind(int wanted) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 0);
        s.createContext("/", this::handle);
        s.start();
        server = s;
        port = s.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            // contexts match by prefix; a health check must not pass on /healthz or /health/x
            boolean found = exchange.getRequestURI().getPath().equals(healthPath);
            boolean readable = "GET".equals(exchange.getRequestMethod()) || "HEAD".equals(exchange.getRequestMethod());
            if (!found || !readable) {
                exchange.sendResponseHeaders(found ? 405 : 404, -1);
                return;
            }
            byte[] body = ("{\"status\":\"ok\",\"region\":\"" + region + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
        }
    }
}
