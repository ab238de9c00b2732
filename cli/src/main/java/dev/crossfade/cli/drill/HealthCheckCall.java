package dev.crossfade.cli.drill;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** One health check over HTTP, judged as Route 53 judges it: 2xx or 3xx within the timeout. */
final class HealthCheckCall implements AutoCloseable {

    record Outcome(boolean ok, double latencyMillis, String detail) {}

    private final HttpClient http;
    private final Duration timeout;

    HealthCheckCall(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Never throws: every failure is an unhealthy outcome naming what went wrong. */
    Outcome check(URI uri) {
        long started = System.nanoTime();
        boolean ok = false;
        String detail;
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            ok = status >= 200 && status < 400;
            detail = "HTTP " + status;
        } catch (ConnectException e) {
            detail = "connection refused";
        } catch (HttpTimeoutException e) {
            detail = "timeout";
        } catch (IOException | RuntimeException e) {
            detail = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
        }
        return new Outcome(ok, (System.nanoTime() - started) / 1_000_000.0, detail);
    }

    @Override
    public void close() {
        http.close();
    }
}
