package dev.crossfade.local.lab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One real PostgreSQL server per region on loopback: a writer, and an asynchronous physical
 * replica of it in every other region. The lab's operations are what RDS and Aurora do to their
 * servers (promote, fence, rebuild a replica) and what faults do (pause replay, crash a server).
 * {@link #close()} stops every server and removes its files.
 */
public final class PostgresLab implements AutoCloseable {

    private static volatile Path template;

    private final PostgresInstall pg;
    private final Map<String, PostgresServer> servers = Collections.synchronizedMap(new LinkedHashMap<>());
    /** replica region -> the link it streams through */
    private final Map<String, ReplicationLink> links = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.BiFunction<String, String, java.time.Duration> oneWay;

    /** Replication links carry {@link RegionLatency}'s one-way delay between the two regions. */
    public PostgresLab(PostgresInstall pg) {
        this(pg, RegionLatency::oneWay);
    }

    /** @param oneWay (source region, replica region) -> the delay each direction of their replication link adds */
    public PostgresLab(PostgresInstall pg, java.util.function.BiFunction<String, String, java.time.Duration> oneWay) {
        this.pg = pg;
        this.oneWay = oneWay;
    }

    /** A lab on the machine's PostgreSQL; fails naming the install command when there is none. */
    public static PostgresLab create() {
        return new PostgresLab(PostgresInstall.locate());
    }

    /** Starts {@code writer}'s server and a replica of it in each of {@code replicas}. */
    public static PostgresLab start(String writer, List<String> replicas) {
        PostgresLab lab = create();
        try {
            lab.createWriter(writer);
            replicas.forEach(r -> lab.createReplica(r, writer));
            return lab;
        } catch (RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** A lab whose every directory (the initdb template included) is under {@code scratch}; see {@link PostgresInstall#under}. */
    public static PostgresLab create(Path scratch) {
        return new PostgresLab(PostgresInstall.locate().under(scratch), true);
    }

    private PostgresLab(PostgresInstall pg, boolean ownTemplate) {
        this(pg);
        this.ownTemplate = ownTemplate;
    }

    /** A lab with its own scratch folder initdb's its own template there, so that nothing of it outlives the folder. */
    private boolean ownTemplate;
    private Path labTemplate;

    private Path template() {
        if (ownTemplate) {
            synchronized (this) {
                if (labTemplate == null) {
                    labTemplate = PostgresServer.initTemplate(pg);
                }
                return labTemplate;
            }
        }
        synchronized (PostgresLab.class) {
            if (template == null) {
                Path data = PostgresServer.initTemplate(pg);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> PostgresInstall.delete(data.getParent())));
                template = data;
            }
            return template;
        }
    }

    /** A new writer in {@code region} (an empty database). */
    public PostgresServer createWriter(String region) {
        requireAbsent(region);
        PostgresServer server = PostgresServer.writer(pg, region, template());
        servers.put(region, server);
        return server;
    }

    /** A new replica in {@code region}, streaming from {@code sourceRegion}'s server. */
    public PostgresServer createReplica(String region, String sourceRegion) {
        requireAbsent(region);
        PostgresServer server = PostgresServer.replicaOf(pg, region, server(sourceRegion).port(), link(region, sourceRegion).port());
        servers.put(region, server);
        return server;
    }

    private void requireAbsent(String region) {
        if (servers.containsKey(region)) {
            throw new IllegalStateException("the lab already has a server in " + region);
        }
    }

    public Optional<PostgresServer> find(String region) {
        return Optional.ofNullable(servers.get(region));
    }

    public PostgresServer server(String region) {
        return find(region).orElseThrow(() -> new IllegalArgumentException("no lab server in " + region + "; servers: " + servers.keySet()));
    }

    public List<String> regions() {
        synchronized (servers) {
            return List.copyOf(servers.keySet());
        }
    }

    /** Promotes the replica in {@code region} ({@code pg_promote}); it stops following its source. */
    public void promote(String region) {
        server(region).promote();
    }

    /** The read-only fence on {@code region}'s server, or its removal. */
    public void fence(String region, boolean readOnly) {
        server(region).fence(readOnly);
    }

    /** Replaces {@code region}'s data with a fresh copy of {@code sourceRegion}'s, streaming from it. */
    public void rebuild(String region, String sourceRegion) {
        PostgresServer source = server(sourceRegion);
        find(region).ifPresentOrElse(s -> s.rebuildFrom(source.port(), link(region, sourceRegion).port()),
                () -> createReplica(region, sourceRegion));
    }

    /** A new link from the source's server to the replica's region (the old one, if any, closed). */
    private ReplicationLink link(String replica, String sourceRegion) {
        ReplicationLink link = ReplicationLink.start(sourceRegion, server(sourceRegion).port(), oneWay.apply(sourceRegion, replica));
        Optional.ofNullable(links.put(replica, link)).ifPresent(ReplicationLink::close);
        return link;
    }

    /** The regions whose server takes writes now: running, not a standby, not fenced. */
    public List<String> writers() {
        List<String> writers = new ArrayList<>();
        regions().forEach(r -> {
            PostgresServer s = servers.get(r);
            if (s.running() && s.writable()) {
                writers.add(r);
            }
        });
        return writers;
    }

    /** The region whose server {@code region}'s replica streams from, while it streams. */
    public Optional<String> sourceOf(String region) {
        PostgresServer replica = server(region);
        if (!replica.running()) {
            return Optional.empty();
        }
        Optional<Integer> port;
        try {
            port = replica.streamingFrom();
        } catch (PostgresCommandException e) {
            return Optional.empty();
        }
        ReplicationLink link = links.get(region);
        if (port.isPresent() && link != null && link.port() == port.get()) {
            return Optional.of(link.source());
        }
        return port.flatMap(p -> regions().stream().filter(r -> servers.get(r).port() == p).findFirst());
    }

    /**
     * The replay lag of {@code region}'s replica in seconds, as its source measures it; empty when
     * it streams from no reachable server (the source is down, or the replica is).
     */
    public Optional<Double> replayLag(String region) {
        Optional<String> source = sourceOf(region);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        try {
            return servers.get(source.get()).replayLagOf(region);
        } catch (PostgresCommandException e) {
            return Optional.empty();
        }
    }

    /** The links out of {@code region} go down (what is in flight is dropped), or come back. */
    public void cutLinksFrom(String region, boolean cut) {
        links.values().stream().filter(l -> l.source().equals(region)).forEach(l -> {
            if (cut) {
                l.cut();
            } else {
                l.restore();
            }
        });
    }

    /** Removes {@code region}'s server and its files (DeleteDBInstance). */
    public void remove(String region) {
        PostgresServer server = servers.remove(region);
        Optional.ofNullable(links.remove(region)).ifPresent(ReplicationLink::close);
        if (server != null) {
            server.destroy();
        }
    }

    @Override
    public void close() {
        List<String> regions = new ArrayList<>(regions());
        Collections.reverse(regions);
        regions.forEach(this::remove);
    }
}
