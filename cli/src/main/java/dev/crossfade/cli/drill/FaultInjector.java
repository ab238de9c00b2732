package dev.crossfade.cli.drill;

import dev.crossfade.local.lab.PostgresServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The faults of docs/drill.md "Faults" done to a region of a {@link LabRig}, and their healing
 * (docs/chaos.md): the drill injects one, a chaos schedule injects and heals many. Each line it
 * has to say goes to {@code say} (phase, message).
 */
public final class FaultInjector {

    private final LabRig rig;
    private final BiConsumer<String, String> say;
    /** region -> the faults on it now, with a partition's peer (or "") */
    private final Map<String, Map<Fault, String>> active = new LinkedHashMap<>();
    private final Map<String, ScheduledExecutorService> flapping = new LinkedHashMap<>();

    public FaultInjector(LabRig rig, BiConsumer<String, String> say) {
        this.rig = rig;
        this.say = say;
    }

    /** Injects {@code fault} into {@code region} (a partition with a peer cuts only the two regions' replication). */
    public synchronized void inject(Fault fault, String region, Optional<String> peer) {
        var lab = rig.lab();
        var servers = lab.servers();
        switch (fault) {
            case REGION_OUTAGE -> {
                if (lab.isDown(region)) {
                    return;
                }
                rig.fleet().region(region).fail();
                rig.detectors().setDown(region, true);
                lab.outage(region);
                say.accept(Phase.DETECTION, "fault injected: region-outage of " + region + ": its app, its database server and its"
                        + " AWS endpoints are unreachable; its detector and its alarms are gone with it");
            }
            case HEALTH -> {
                rig.fleet().region(region).fail();
                say.accept(Phase.DETECTION, "fault injected: " + region + " stops answering " + rig.topology().app().healthPath());
            }
            case PARTITION -> {
                if (peer.isPresent()) {
                    cutBetween(region, peer.get());
                    say.accept(Phase.DETECTION, "fault injected: partition between " + region + " and " + peer.get()
                            + ": the replication between them is cut");
                } else {
                    rig.fleet().region(region).fail();
                    servers.regions().forEach(r -> {
                        boolean replicaOfOrIn = r.equals(region) || region.equals(servers.sourceOf(r).orElse(null));
                        if (replicaOfOrIn && servers.server(r).running() && servers.server(r).inRecovery()) {
                            servers.server(r).cutReplication();
                        }
                    });
                    lab.partition(region);
                    say.accept(Phase.DETECTION, "fault injected: partition of " + region + ": the other regions cannot reach it (app,"
                            + " replication, AWS endpoints); its database still takes its clients' writes");
                }
            }
            case REPLICATION_LAG -> {
                PostgresServer server = servers.server(region);
                if (!server.running() || !server.inRecovery()) {
                    say.accept(Phase.DETECTION, "replication-lag on " + region + ": its database is no running replica; nothing to pause");
                    return;
                }
                server.pauseReplay();
                say.accept(Phase.DETECTION, "fault injected: " + region + "'s replica stops applying changes (pg_wal_replay_pause)");
            }
            case FLAP -> startFlapping(region);
        }
        active.computeIfAbsent(region, k -> new LinkedHashMap<>()).put(fault, peer.orElse(""));
    }

    private void cutBetween(String region, String peer) {
        var servers = rig.lab().servers();
        for (String r : List.of(region, peer)) {
            String other = r.equals(region) ? peer : region;
            PostgresServer s = servers.server(r);
            if (s.running() && s.inRecovery() && servers.sourceOf(r).filter(other::equals).isPresent()) {
                s.cutReplication();
            }
        }
    }

    private void startFlapping(String region) {
        if (flapping.containsKey(region)) {
            return;
        }
        ScheduledExecutorService flaps = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crossfade-flap-" + region);
            t.setDaemon(true);
            return t;
        });
        flapping.put(region, flaps);
        rig.track(flaps::shutdownNow);
        var topology = rig.topology();
        long period = rig.clock().scale().toWall(Duration.ofSeconds((long) topology.healthCheck().intervalSeconds()
                * (topology.healthCheck().failureThreshold() + 1))).toNanos();
        AtomicBoolean failing = new AtomicBoolean();
        Runnable toggle = () -> {
            if (failing.compareAndSet(false, true)) {
                rig.fleet().region(region).fail();
                say.accept(Phase.DETECTION, "flap: " + region + " stops answering " + topology.app().healthPath());
            } else if (failing.compareAndSet(true, false)) {
                rig.fleet().region(region).recover();
                say.accept(Phase.DETECTION, "flap: " + region + " answers again");
            }
        };
        toggle.run();
        flaps.scheduleAtFixedRate(toggle, period, period, TimeUnit.NANOSECONDS);
    }

    /** Undoes every fault on {@code region}, newest first; a region with none is left as it is. */
    public synchronized void heal(String region) {
        Map<Fault, String> faults = active.remove(region);
        if (faults == null) {
            return;
        }
        var lab = rig.lab();
        List<Map.Entry<Fault, String>> newestFirst = new java.util.ArrayList<>(faults.entrySet());
        java.util.Collections.reverse(newestFirst);
        for (Map.Entry<Fault, String> f : newestFirst) {
            switch (f.getKey()) {
                case REGION_OUTAGE -> {
                    lab.heal(region);
                    rig.detectors().setDown(region, false);
                    rig.fleet().region(region).recover();
                }
                case HEALTH -> rig.fleet().region(region).recover();
                case PARTITION -> {
                    if (f.getValue().isEmpty()) {
                        lab.heal(region);
                        rig.fleet().region(region).recover();
                    } else {
                        lab.servers().regions().stream().map(r -> lab.servers().server(r)).filter(PostgresServer::running)
                                .forEach(PostgresServer::restoreReplication);
                    }
                }
                case REPLICATION_LAG -> {
                    PostgresServer server = lab.servers().server(region);
                    if (server.running() && server.inRecovery()) {
                        server.resumeReplay();
                    }
                }
                case FLAP -> {
                    Optional.ofNullable(flapping.remove(region)).ifPresent(ScheduledExecutorService::shutdownNow);
                    rig.fleet().region(region).recover();
                }
            }
        }
        say.accept("heal", region + " healed (" + String.join(", ", faults.keySet().stream().map(Fault::key).toList()) + ")");
    }

    /** Heals every region with a fault on it. */
    public synchronized void healAll() {
        List.copyOf(active.keySet()).forEach(this::heal);
    }

    /** The regions with a fault on them now, and which. */
    public synchronized Map<String, List<Fault>> active() {
        Map<String, List<Fault>> copy = new LinkedHashMap<>();
        active.forEach((r, f) -> copy.put(r, List.copyOf(f.keySet())));
        return copy;
    }
}
