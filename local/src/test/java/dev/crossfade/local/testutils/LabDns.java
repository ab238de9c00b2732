package dev.crossfade.local.testutils;

import com.sun.net.httpserver.HttpServer;
import dev.crossfade.local.DnsAnswer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.EmulatedDns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The topology's DNS in moto's Route 53 (records, one HTTP health check per region aimed at a
 * loopback endpoint that answers 200) and what Route 53 would answer for the domain, read through
 * {@link DnsAnswer}: health checks plus each region's routing control, as the calculated check.
 * Create it after {@code EmulatedApplication.deploy}, which resets moto.
 */
public final class LabDns implements AutoCloseable {

    private final EmulatedApplication app;
    private final HttpServer health;
    private final EmulatedDns dns;
    private final java.util.Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public LabDns(EmulatedApplication app) {
        this.app = app;
        try {
            health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        health.createContext("/", exchange -> {
            String region = exchange.getRequestURI().getPath().replaceFirst("^/health/", "");
            int status = down.contains(region) ? 503 : 200;
            exchange.sendResponseHeaders(status, 2);
            exchange.getResponseBody().write((status == 200 ? "ok" : "no").getBytes());
            exchange.close();
        });
        health.start();
        Map<String, URI> endpoints = new LinkedHashMap<>();
        app.regions().forEach(r -> endpoints.put(r, URI.create("http://127.0.0.1:" + health.getAddress().getPort() + "/health/" + r)));
        dns = EmulatedDns.create(app.moto().endpoint(), app.topology(), endpoints);
        app.regions().forEach(r -> routingChecks.put(r, app.routingCheck(r, 1)));
    }

    private final Map<String, dev.crossfade.local.MetricHealthCheck> routingChecks = new LinkedHashMap<>();

    /** The region's endpoint stops answering its health check (an outage as Route 53's checkers see it). */
    public void fail(String region) {
        down.add(region);
    }

    public void heal(String region) {
        down.remove(region);
    }

    /**
     * The regions Route 53 answers for the application's domain name, now: each region's routing
     * control decided by its CLOUDWATCH_METRIC health-check stand-in (MetricHealthCheck), in real time.
     */
    public List<String> answer() {
        return DnsAnswer.withRoutingChecks(dns.route53(), dns.zoneId(), routingChecks, java.time.Clock.systemUTC())
                .regions(app.topology().domain().name());
    }

    /**
     * What Route 53 answers once each region's detector has republished its desired state (the
     * tests run no detector ticks): a region with a recorded desired state is routed by it, as the
     * minute after a tick shows it; any other by its health-check stand-in now. The settled answer
     * after a run, which a same-minute switch (on, then off) no longer blurs. Publishes nothing, so
     * a later run's own datapoints are not outdated by ones dated ahead.
     */
    public List<String> settledAnswer() {
        java.time.Instant now = java.time.Instant.now();
        dev.crossfade.functions.workflow.run.RoutingIntent intents = new dev.crossfade.functions.workflow.run.RoutingIntent(app.clients(), app.config());
        return new DnsAnswer(dns.route53(), dns.zoneId(), region -> intents.read(region)
                .orElseGet(() -> routingChecks.get(region).healthy(now))).regions(app.topology().domain().name());
    }

    @Override
    public void close() {
        dns.close();
        health.stop(0);
    }
}
