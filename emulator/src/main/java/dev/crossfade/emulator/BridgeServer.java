package dev.crossfade.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The loopback HTTP server behind {@link LambdaBridge} and {@link DatabaseBridge}, which
 * moto_launcher.py calls back: one virtual thread per exchange (Parallel and Map states invoke
 * concurrently, as on AWS).
 */
final class BridgeServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private BridgeServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free loopback port, {@code handler} answering every path under {@code context}. */
    static BridgeServer start(String context, HttpHandler handler, String name) {
        try {
            BridgeServer bridge = new BridgeServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
            bridge.server.createContext(context, handler);
            bridge.server.setExecutor(bridge.executor);
            bridge.server.start();
            return bridge;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name, e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = String.valueOf(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
