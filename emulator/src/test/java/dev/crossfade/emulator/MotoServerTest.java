package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class MotoServerTest {

    @Test
    void startedServer_answersOnLoopback_andIsGoneAfterClose() throws Exception {
        MotoServer server = MotoServer.start();
        URI endpoint = server.endpoint();
        try (server) {
            assertTrue(endpoint.getHost().equals("127.0.0.1"));
            HttpResponse<String> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() == 200, "status " + answer.statusCode());
            server.reset();
            server.enableStepFunctionsExecution();
        }
        assertFalse(server.isAlive());
    }
}
