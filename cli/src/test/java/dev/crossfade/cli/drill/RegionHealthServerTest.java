package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.cli.drill.testutils.Http;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegionHealthServerTest {

    private final RegionHealthServer server = RegionHealthServer.start("us-east-1", "/health");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void running_shouldAnswerHealthPathWithItsRegion() throws IOException {
        HttpResponse<String> response = Http.get(server.healthUri());

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"ok\",\"region\":\"us-east-1\"}", response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(server.healthUri().toString().startsWith("http://127.0.0.1:" + server.port()));
    }

    @Test
    void otherPath_shouldAnswerNotFound() throws IOException {
        URI healthz = URI.create("http://127.0.0.1:" + server.port() + "/healthz");

        assertEquals(404, Http.get(healthz).statusCode());
    }

    @Test
    void failed_shouldRefuseConnections() {
        URI uri = server.healthUri();

        server.fail();

        assertFalse(server.isUp());
        assertThrows(ConnectException.class, () -> Http.get(uri));
    }

    @Test
    void recovered_shouldAnswerAgainOnTheSamePort() throws IOException {
        int port = server.port();
        server.fail();

        boolean samePort = server.recover();

        assertTrue(samePort);
        assertEquals(port, server.port());
        assertEquals(200, Http.get(server.healthUri()).statusCode());
    }

    @Test
    void recoveredWhilePortTaken_shouldMoveToANewPortAndSaySo() throws IOException {
        int port = server.port();
        server.fail();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

            boolean samePort = server.recover();

            assertFalse(samePort);
            assertNotEquals(port, server.port());
            assertEquals(200, Http.get(server.healthUri()).statusCode());
        }
    }
}
