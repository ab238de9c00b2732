package dev.crossfade.local.lab;

import dev.crossfade.emulator.DatabaseBridge;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * What moto's RDS calls do to the lab's real servers ({@link DatabaseBridge.Servers}): one server
 * per region, keyed by the region of the instance or cluster the call names.
 *
 * <ul>
 *   <li>{@code create-writer}: a new writer; {@code create-replica}: a replica of the source
 *       region's server ({@code pg_basebackup}), replacing any data already in the region (failback).</li>
 *   <li>{@code promote}: {@code pg_promote}.</li>
 *   <li>{@code parameter default_transaction_read_only}: the fence (ALTER SYSTEM, reload, open
 *       sessions ended); on a server that is down, applied when it comes back.</li>
 *   <li>{@code failover} (Aurora, AllowDataLoss): promotes the target at once; the old writer, if
 *       it runs, is fenced at once; every other member is rebuilt from the target in the
 *       background, and one that is down when it comes back.</li>
 *   <li>{@code switchover} (Aurora): fences the writer, waits until the target has replayed all of
 *       it (zero lag, else refused), promotes, rebuilds the others in the background.</li>
 * </ul>
 */
public final class LabDatabases implements DatabaseBridge.Servers, AutoCloseable {

    static final Duration SWITCHOVER_CATCH_UP = Duration.ofSeconds(30);
    static final Duration CREATE_DEADLINE = Duration.ofSeconds(120);

    private final PostgresLab lab;
    private final Duration switchoverCatchUp;
    /** region -> the RDS instance or Aurora cluster identifier its server stands for */
    private final Map<String, String> identifiers = new ConcurrentHashMap<>();
    private final Map<String, String> clusters = new ConcurrentHashMap<>();
    /** a member that was down during a failover: rebuilt from this region when it comes back */
    private final Map<String, String> rejoinFrom = new ConcurrentHashMap<>();
    private final Map<String, Boolean> pendingFence = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();

    public LabDatabases(PostgresLab lab) {
        this(lab, SWITCHOVER_CATCH_UP);
    }

    /** @param switchoverCatchUp how long a switchover waits for the target to reach zero lag before it is refused */
    public LabDatabases(PostgresLab lab, Duration switchoverCatchUp) {
        this.lab = lab;
        this.switchoverCatchUp = switchoverCatchUp;
    }

    public PostgresLab lab() {
        return lab;
    }

    @Override
    public void apply(String action, Map<String, String> params) {
        String region = require(params, "region");
        switch (action) {
            case "create-writer" -> {
                remember(region, params);
                lab.remove(region); // a new instance in a region replaces what the lab ran there (moto was reset)
                lab.createWriter(region);
            }
            case "create-replica" -> {
                remember(region, params);
                String source = require(params, "source");
                awaitRunning(source, CREATE_DEADLINE); // its writer may still be starting
                lab.rebuild(region, source);
            }
            case "promote" -> running(region).promote();
            case "parameter" -> parameter(region, require(params, "name"), params.get("value"));
            case "delete" -> {
                lab.remove(region);
                identifiers.remove(region);
            }
            case "failover" -> failover(region, Optional.ofNullable(params.get("writer")), members(params));
            case "switchover" -> switchover(region, require(params, "writer"), members(params));
            default -> throw new IllegalArgumentException("unknown database action " + action);
        }
    }

    private void remember(String region, Map<String, String> params) {
        Optional.ofNullable(params.get("instance")).ifPresent(id -> {
            identifiers.put(region, id);
            clusters.remove(region); // the region's server now stands for an RDS instance
        });
        Optional.ofNullable(params.get("cluster")).ifPresent(id -> {
            identifiers.put(region, id);
            clusters.put(region, id);
        });
    }

    private void parameter(String region, String name, String value) {
        if (!"default_transaction_read_only".equals(name)) {
            return;
        }
        boolean on = value != null && Set.of("on", "1", "true").contains(value.toLowerCase(java.util.Locale.ROOT));
        PostgresServer server = lab.server(region);
        if (!server.running()) {
            pendingFence.put(region, on); // RDS applies a parameter change to a stopped instance when it starts
            return;
        }
        server.fence(on);
    }

    private void failover(String target, Optional<String> oldWriter, List<String> members) {
        running(target).promote();
        oldWriter.filter(w -> !w.equals(target)).flatMap(lab::find).filter(PostgresServer::running).ifPresent(s -> s.fence(true));
        for (String member : members) {
            if (member.equals(target) || lab.find(member).isEmpty()) {
                continue;
            }
            if (lab.server(member).running()) {
                rebuildInBackground(member, target);
            } else {
                rejoinFrom.put(member, target);
            }
        }
    }

    private void switchover(String target, String writer, List<String> members) {
        PostgresServer old = running(writer);
        PostgresServer next = running(target);
        old.fence(true);
        String goal = old.walPosition();
        long deadline = System.nanoTime() + switchoverCatchUp.toNanos();
        while (!caughtUp(next, goal)) {
            if (System.nanoTime() > deadline) {
                old.fence(false);
                throw new DatabaseBridge.Refused("switchover to " + target + ": its replica did not replay " + writer + "'s WAL up to "
                        + goal + " within " + switchoverCatchUp.toSeconds() + " s (replayed " + next.walPosition() + "); writer unfenced");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        next.promote();
        members.stream().filter(m -> !m.equals(target) && lab.find(m).isPresent()).forEach(m -> {
            if (lab.server(m).running()) {
                rebuildInBackground(m, target);
            } else {
                rejoinFrom.put(m, target);
            }
        });
    }

    private static boolean caughtUp(PostgresServer replica, String goal) {
        return replica.query("select pg_last_wal_replay_lsn() >= '" + goal + "'::pg_lsn", rs -> rs.getBoolean(1));
    }

    private void rebuildInBackground(String region, String source) {
        rebuilding.add(region);
        background.submit(() -> {
            try {
                lab.rebuild(region, source);
            } finally {
                rebuilding.remove(region);
            }
        });
    }

    /** Whether a member is being rebuilt after a failover or switchover. */
    public boolean rebuilding(String region) {
        return rebuilding.contains(region);
    }

    /** A region's server after an outage: started again, then any fence or rejoin owed to it applied. */
    public void recover(String region) {
        PostgresServer server = lab.server(region);
        String source = rejoinFrom.remove(region);
        if (source != null) {
            lab.rebuild(region, source);
        } else {
            server.start();
        }
        Boolean fence = pendingFence.remove(region);
        if (fence != null) {
            server.fence(fence);
        }
    }

    /** A region's server crashes (its region's outage). */
    public void crash(String region) {
        lab.server(region).kill();
    }

    private void awaitRunning(String region, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (lab.find(region).filter(PostgresServer::running).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new DatabaseBridge.Refused("no running database server in " + region + " after " + timeout.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    private PostgresServer running(String region) {
        PostgresServer server = lab.find(region).orElseThrow(() -> new DatabaseBridge.Refused("no database server in " + region));
        if (!server.running()) {
            throw new DatabaseBridge.Refused("the database server in " + region + " is down");
        }
        return server;
    }

    /** The identifier (RDS instance or Aurora cluster) a region's server stands for. */
    public Optional<String> identifier(String region) {
        return Optional.ofNullable(identifiers.get(region));
    }

    /** Whether the region's server stands for an Aurora cluster (else an RDS instance). */
    public boolean aurora(String region) {
        return clusters.containsKey(region);
    }

    /** Replay lag by replica region, as measured now (a replica that streams from nothing is absent). */
    public Map<String, Double> replayLags() {
        Map<String, Double> lags = new LinkedHashMap<>();
        for (String region : lab.regions()) {
            PostgresServer server = lab.server(region);
            try {
                if (server.running() && server.inRecovery()) {
                    lab.replayLag(region).ifPresent(lag -> lags.put(region, lag));
                }
            } catch (PostgresCommandException e) {
                // down: no measurement
            }
        }
        return lags;
    }

    private static List<String> members(Map<String, String> params) {
        return Arrays.stream(params.getOrDefault("members", "").split(",")).filter(s -> !s.isBlank()).toList();
    }

    private static String require(Map<String, String> params, String key) {
        String value = params.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("database action without " + key + ": " + params);
        }
        return value;
    }

    @Override
    public void close() {
        background.shutdownNow();
        lab.close();
    }
}
