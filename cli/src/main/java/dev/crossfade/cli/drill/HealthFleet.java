package dev.crossfade.cli.drill;

import dev.crossfade.topology.Topology;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** One {@link RegionHealthServer} per enabled region of a topology, serving {@code app.healthPath}. */
public final class HealthFleet implements AutoCloseable {

    private final Map<String, RegionHealthServer> servers;

    private HealthFleet(Map<String, RegionHealthServer> servers) {
        this.servers = servers;
    }

    public static HealthFleet start(Topology topology) {
        Map<String, RegionHealthServer> servers = new LinkedHashMap<>();
        try {
            for (Topology.Region region : topology.enabledRegions()) {
                servers.put(region.name(), RegionHealthServer.start(region.name(), topology.app().healthPath()));
            }
        } catch (RuntimeException e) {
            servers.values().forEach(RegionHealthServer::close);
            throw e;
        }
        return new HealthFleet(servers);
    }

    public RegionHealthServer region(String name) {
        return Optional.ofNullable(servers.get(name)).orElseThrow(() -> new IllegalArgumentException(
                "region " + name + " is not an enabled region of the topology; enabled: " + servers.keySet()));
    }

    /** Region -> current health URL, for {@link HealthProber}. */
    public Map<String, Supplier<URI>> targets() {
        Map<String, Supplier<URI>> targets = new LinkedHashMap<>();
        servers.forEach((name, server) -> targets.put(name, server::healthUri));
        return targets;
    }

    @Override
    public void close() {
        servers.values().forEach(RegionHealthServer::close);
    }
}
