package dev.crossfade.cli.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckCallTest {

    private final RegionHealthServer server = RegionHealthServer.start("eu-west-1", "/health");
    private final HealthCheckCall call = new HealthCheckCall(Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        call.close();
        server.close();
    }

    @Test
    void answeringEndpoint_shouldBeHealthyWithItsLatency() {
        HealthCheckCall.Outcome outcome = call.check(server.healthUri());

        assertTrue(outcome.ok());
        assertEquals("HTTP 200", outcome.detail());
        assertTrue(outcome.latencyMillis() > 0);
    }

    @Test
    void notFound_shouldBeUnhealthyNamingTheStatus() {
        HealthCheckCall.Outcome outcome = call.check(URI.create("http://127.0.0.1:" + server.port() + "/nope"));

        assertFalse(outcome.ok());
        assertEquals("HTTP 404", outcome.detail());
    }

    @Test
    void closedPort_shouldBeUnhealthyAsRefused() {
        URI uri = server.healthUri();
        server.fail();

        HealthCheckCall.Outcome outcome = call.check(uri);

        assertFalse(outcome.ok());
        assertEquals("connection refused", outcome.detail());
    }
}
