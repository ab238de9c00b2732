package dev.crossfade.local.lab;

import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;

import dev.crossfade.emulator.DatabaseBridge;
import dev.crossfade.functions.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The lab around the emulator: a real PostgreSQL server per region that moto's RDS acts on (the
 * database bridge), one endpoint per region in front of the emulator that a region outage closes,
 * and the real replica lag published to each region's CloudWatch. Start it before moto (moto needs
 * {@link #motoEnvironment()}), then {@link #attach(URI, List)} the emulator.
 */
public final class Lab implements AutoCloseable {

    private final LabDatabases databases;
    private final DatabaseBridge bridge;
    private final Map<String, RegionEndpoint> endpoints = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> down = Collections.synchronizedList(new ArrayList<>());
    private ReplicaLagPublisher publisher;
    private volatile URI emulator;
    private AwsClients clients;

    private Lab(LabDatabases databases) {
        this.databases = databases;
        this.bridge = DatabaseBridge.start(databases);
    }

    /** Starts the database side; fails naming the install command when PostgreSQL is missing. */
    public static Lab start() {
        return new Lab(new LabDatabases(PostgresLab.create()));
    }

    /** Like {@link #start()}, every PostgreSQL directory under {@code scratch} (removed by whoever owns it). */
    public static Lab start(java.nio.file.Path scratch) {
        return new Lab(new LabDatabases(PostgresLab.create(scratch)));
    }

    public Map<String, String> motoEnvironment() {
        return bridge.motoEnvironment();
    }

    /** One endpoint per region in front of the emulator at {@code emulator}. */
    public Lab attach(URI emulator, List<String> regions) {
        this.emulator = emulator;
        regions.forEach(r -> endpoints.computeIfAbsent(r, k -> RegionEndpoint.start(k, emulator)));
        return this;
    }

    /** The endpoint of a region's APIs (its proxy). */
    public URI endpoint(String region) {
        RegionEndpoint endpoint = endpoints.get(region);
        if (endpoint == null) {
            throw new IllegalArgumentException("no lab endpoint for " + region + "; regions: " + endpoints.keySet());
        }
        return endpoint.uri();
    }

    /**
     * Clients whose calls to a region go through that region's endpoint (the workflow's handlers use
     * these). A region that is none of the application's (Global Accelerator's home, us-west-2) is
     * reached at the emulator itself: no fault of the lab takes it down.
     */
    public AwsClients clients(List<ExecutionInterceptor> interceptors) {
        return new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(endpoints.containsKey(region) || emulator == null ? endpoint(region) : emulator), interceptors);
    }

    /** Publishes the replicas' real lag every {@code period}, to each replica region's CloudWatch through its endpoint. */
    public void publishReplicaLag(Duration period) {
        clients = clients(List.of());
        publisher = new ReplicaLagPublisher(databases, region -> clients.get(CLOUDWATCH, region)).start(period);
    }

    public LabDatabases databases() {
        return databases;
    }

    public PostgresLab servers() {
        return databases.lab();
    }

    /** The whole region goes: its database server crashes and its APIs refuse connections. */
    public void outage(String region) {
        down.add(region);
        Optional.ofNullable(endpoints.get(region)).ifPresent(RegionEndpoint::cut);
        servers().cutLinksFrom(region, true); // the WAL in flight out of the region is lost with it
        databases.crash(region);
    }

    /** The region comes back: APIs answer, its database server restarts (and rejoins, if a failover owed it that). */
    public void heal(String region) {
        Optional.ofNullable(endpoints.get(region)).ifPresent(RegionEndpoint::restore);
        servers().cutLinksFrom(region, false);
        if (down.remove(region)) {
            databases.recover(region);
        }
        if (partitioned.remove(region)) {
            servers().regions().stream().map(r -> servers().server(r)).filter(PostgresServer::running)
                    .forEach(PostgresServer::restoreReplication);
        }
    }

    private final List<String> partitioned = Collections.synchronizedList(new ArrayList<>());

    /**
     * The region is cut off from the others: its APIs refuse the other regions' calls (in this lab:
     * everyone's, its own clients included) and the callers cut its replication links; its
     * database keeps serving the clients that still reach it.
     */
    public void partition(String region) {
        partitioned.add(region);
        Optional.ofNullable(endpoints.get(region)).ifPresent(RegionEndpoint::cut);
    }

    public boolean isPartitioned(String region) {
        return partitioned.contains(region);
    }

    /** Whether a region is out (every API and its server unreachable). */
    public boolean isDown(String region) {
        return down.contains(region);
    }

    public Optional<ReplicaLagPublisher> publisher() {
        return Optional.ofNullable(publisher);
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
        endpoints.values().forEach(RegionEndpoint::close);
        bridge.close();
        databases.close();
    }
}
