package dev.crossfade.local.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A region's endpoint relays to the emulator until cut, then refuses connections, and answers again on the same port. */
class RegionEndpointTest {

    private HttpServer upstream;
    private RegionEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] body = "emulator".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        endpoint = RegionEndpoint.start("us-east-1", URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        endpoint.close();
        upstream.stop(0);
    }

    @Test
    void cut_shouldRefuseConnectionsUntilRestoredOnTheSamePort() throws Exception {
        assertEquals("emulator", get());
        URI before = endpoint.uri();

        endpoint.cut();
        assertThrows(ConnectException.class, this::get);

        endpoint.restore();
        assertEquals(before, endpoint.uri());
        assertEquals("emulator", get());
    }

    private String get() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(endpoint.uri().resolve("/x")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
