package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void closedServer_shouldRemoveItsFolder(@org.junit.jupiter.api.io.TempDir java.nio.file.Path scratch) throws Exception {
        MotoServer server = MotoServer.start(java.util.Map.of(), scratch);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(scratch)) {
            assertEquals(1, files.filter(p -> p.getFileName().toString().startsWith("crossfade-moto-")).count(), "its folder is under scratch");
        }

        server.close();

        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(scratch)) {
            assertEquals(java.util.List.of(), files.toList(), "launcher scripts and log are gone");
        }
    }

    @Test
    void restartedServer_answersOnTheSamePortWithNothingKept() throws Exception {
        try (MotoServer server = MotoServer.start()) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/kept-or-not"))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            assertTrue(buckets(http, server).contains("<Name>kept-or-not</Name>"), "the bucket exists before the restart");
            int port = server.port();

            server.restart();

            assertEquals(port, server.port());
            assertTrue(server.isAlive());
            assertFalse(buckets(http, server).contains("kept-or-not"), "moto keeps its state in memory: a restart loses it");
        }
    }

    /** S3 ListBuckets: moto answers an unsigned request to its root as S3. */
    private static String buckets(HttpClient http, MotoServer server) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server.endpoint().resolve("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
