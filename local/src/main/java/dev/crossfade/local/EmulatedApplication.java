package dev.crossfade.local;

import static dev.crossfade.functions.workflow.capacity.CapacityServices.ECS;
import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.functions.workflow.traffic.TrafficServices.GLOBAL_ACCELERATOR;

import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * A topology's application created in moto over HTTP, as the regional stacks would deploy it
 * ({@link ApplicationDeployer}), with the reads that tests and the drill's finale need.
 */
public final class EmulatedApplication {

    /** Nothing listens here: a region pointed at it is unreachable. */
    public static final URI UNREACHABLE = URI.create("http://127.0.0.1:9");
    public static final String READ_ONLY_PARAMETER = "default_transaction_read_only";

    private final MotoServer moto;
    private final Topology topology;
    private final ResourceNames names;
    private final AwsClients clients;
    private String acceleratorArn;

    private EmulatedApplication(MotoServer moto, Topology topology, List<ExecutionInterceptor> interceptors) {
        this.moto = moto;
        this.topology = topology;
        this.names = new ResourceNames(topology.name());
        this.clients = clients(Set.of(), interceptors);
    }

    /** Resets moto and deploys the topology's application into it. */
    public static EmulatedApplication deploy(MotoServer moto, Topology topology) {
        return deploy(moto, topology, List.of());
    }

    /** @param interceptors on the application's own clients, e.g. a recorder of mutating calls */
    public static EmulatedApplication deploy(MotoServer moto, Topology topology, List<ExecutionInterceptor> interceptors) {
        moto.reset();
        EmulatedApplication app = new EmulatedApplication(moto, topology, interceptors);
        app.acceleratorArn = new ApplicationDeployer(app).deploy().orElse(null);
        return app;
    }

    /** Clients for every region, pointed at moto, except the given regions, which cannot be reached. */
    public AwsClients clients(Set<String> unreachable) {
        return clients(unreachable, List.of());
    }

    /** @param interceptors e.g. faults that inject AWS errors into the calls they choose */
    public AwsClients clients(Set<String> unreachable, List<ExecutionInterceptor> interceptors) {
        return new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(unreachable.contains(region) ? UNREACHABLE : moto.endpoint()), interceptors);
    }

    public AwsClients clients() {
        return clients;
    }

    public Topology topology() {
        return topology;
    }

    public ResourceNames names() {
        return names;
    }

    public Engine engine() {
        return topology.database().engine();
    }

    /** Enabled regions by priority. */
    public List<String> regions() {
        return topology.enabledRegions().stream().map(Topology.Region::name).toList();
    }

    public String primary() {
        return topology.primaryRegion().name();
    }

    public Optional<String> acceleratorArn() {
        return Optional.ofNullable(acceleratorArn);
    }

    public WorkflowConfig config(boolean approvalForDataLoss) {
        return config(topology, approvalForDataLoss);
    }

    /**
     * The configuration the stack would give the functions after {@code changed} is deployed over
     * this application (regions disabled, priorities or the RPO budget changed; same resources).
     */
    public WorkflowConfig config(Topology changed, boolean approvalForDataLoss) {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        changed.enabledRegions().forEach(r -> regions.put(r.name(), targets(r)));
        return new WorkflowConfig(names.application(), engine(), regions, engine() == Engine.RDS_POSTGRES ? "" : names.globalCluster(),
                acceleratorArn(), changed.failover().rpoBudgetSeconds(), approvalForDataLoss, names.stateTable(), "default",
                changed.mode() == Topology.Mode.ACTIVE_ACTIVE);
    }

    /** As the stack configures it: {@code failover.approvalForDataLoss} is off here unless asked for. */
    public WorkflowConfig config() {
        return config(false);
    }

    private RegionTargets targets(Topology.Region r) {
        String region = r.name();
        if (engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            return new RegionTargets(r.priority(), r.desiredCount(), null, names.dbCluster(region), names.clusterArn(region), null,
                    names.ecsCluster(region), names.ecsService(region), names.healthAlarm(region), null, null);
        }
        return new RegionTargets(r.priority(), r.desiredCount(), names.dbInstance(region), null, null, names.parameterGroup(region),
                names.ecsCluster(region), names.ecsService(region), names.healthAlarm(region), null, names.kmsKey(region));
    }

    /** The accelerator's dial per region (empty without an accelerator). */
    public Map<String, Float> dials() {
        Map<String, Float> dials = new TreeMap<>();
        if (acceleratorArn == null) {
            return dials;
        }
        GlobalAcceleratorClient ga = clients.get(GLOBAL_ACCELERATOR);
        ga.listListeners(r -> r.acceleratorArn(acceleratorArn)).listeners().forEach(l -> ga.listEndpointGroups(r -> r.listenerArn(l.listenerArn()))
                .endpointGroups().forEach(g -> dials.put(g.endpointGroupRegion(), g.trafficDialPercentage())));
        return dials;
    }

    /** The global cluster's writer, as a cluster ARN. */
    public String globalWriter() {
        return clients.get(RDS, primary()).describeGlobalClusters(r -> r.globalClusterIdentifier(names.globalCluster())).globalClusters().stream()
                .filter(g -> g.globalClusterIdentifier().equals(names.globalCluster())).flatMap(g -> g.globalClusterMembers().stream())
                .filter(m -> Boolean.TRUE.equals(m.isWriter())).map(m -> m.dbClusterArn()).findFirst().orElse(null);
    }

    /**
     * The regions whose database takes writes, read from the emulated end state: the Aurora global
     * writer, or each RDS instance that is no replica and not fenced read-only.
     */
    public List<String> writerRegions() {
        if (engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            String writer = globalWriter();
            return regions().stream().filter(r -> names.clusterArn(r).equals(writer)).toList();
        }
        return regions().stream().filter(r -> findDb(r).filter(db -> db.readReplicaSourceDBInstanceIdentifier() == null).isPresent()
                && !"on".equals(parameter(r, READ_ONLY_PARAMETER))).toList();
    }

    public void setHealthy(String region, boolean healthy) {
        setHealthy(region, healthy, healthy ? "healthy" : "3 of 3 targets failing");
    }

    public void setHealthy(String region, boolean healthy, String reason) {
        clients.get(CLOUDWATCH, region).setAlarmState(r -> r.alarmName(names.healthAlarm(region))
                .stateValue(healthy ? StateValue.OK : StateValue.ALARM).stateReason(reason));
    }

    /** What an operator does before failback: the old primary's diverged instance goes (final snapshot skipped here). */
    public void deleteDb(String region) {
        clients.get(RDS, region).deleteDBInstance(r -> r.dbInstanceIdentifier(names.dbInstance(region)).skipFinalSnapshot(true));
    }

    public void setReplicaLag(String region, double seconds) {
        putReplicaLag(region, seconds, Instant.now());
    }

    void putReplicaLag(String region, double seconds, Instant at) {
        if (engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            clients.get(CLOUDWATCH, region).putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d.metricName("AuroraGlobalDBReplicationLag")
                    .dimensions(x -> x.name("DBClusterIdentifier").value(names.dbCluster(region)))
                    .value(seconds * 1000).unit(StandardUnit.MILLISECONDS).timestamp(at)));
            return;
        }
        clients.get(CLOUDWATCH, region).putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d.metricName("ReplicaLag")
                .dimensions(x -> x.name("DBInstanceIdentifier").value(names.dbInstance(region)))
                .value(seconds).unit(StandardUnit.SECONDS).timestamp(at)));
    }

    public RoutingControl routing() {
        return new RoutingControl(clients, names.application());
    }

    /**
     * The stand-in for the global stack's CLOUDWATCH_METRIC health check on {@code region}'s routing
     * alarm, configured as HealthChecks configures it ({@link #ROUTING_INSUFFICIENT_DATA}).
     *
     * @param timeScale how much faster than the wall clock the lab runs (1: real time)
     */
    public MetricHealthCheck routingCheck(String region, double timeScale) {
        return new MetricHealthCheck(new MetricHealthCheck.Config(names.routingAlarm(region), region, ROUTING_INSUFFICIENT_DATA),
                in -> clients.get(CLOUDWATCH, in), timeScale);
    }

    /**
     * The stand-in for the global stack's CLOUDWATCH_METRIC health check on {@code region}'s routing
     * veto, the alarm in its holder region (LastKnownStatus, as HealthChecks configures it); empty
     * with one enabled region. Route 53 serves the region only while its endpoint check, its
     * routing-control check and this one are healthy.
     */
    public Optional<MetricHealthCheck> vetoCheck(String region, double timeScale) {
        return dev.crossfade.topology.VetoHolder.of(topology, region).map(holder -> new MetricHealthCheck(new MetricHealthCheck.Config(
                dev.crossfade.functions.workflow.state.RoutingVeto.alarmName(names.application(), region), holder, ROUTING_INSUFFICIENT_DATA),
                in -> clients.get(CLOUDWATCH, in), timeScale));
    }

    /**
     * Where the region's routing control settles once its detector republishes (each minute): the
     * durable desired state when one is recorded (1.0 / 0.0), else the newest minute's Maximum.
     * Right after a run the minute may still hold an earlier value (docs/routing.md, "Timing").
     */
    public java.util.Optional<Double> settledRouting(String region) {
        java.util.Optional<Boolean> desired = new dev.crossfade.functions.workflow.run.RoutingIntent(clients, config()).read(region);
        return desired.isPresent() ? desired.map(on -> on ? 1.0 : 0.0) : routing().read(region);
    }

    /** The routing-control health check's InsufficientDataHealthStatus in the global stack (HealthChecks). */
    public static final MetricHealthCheck.InsufficientDataHealthStatus ROUTING_INSUFFICIENT_DATA =
            MetricHealthCheck.InsufficientDataHealthStatus.LastKnownStatus;

    public DBInstance db(String region) {
        return clients.get(RDS, region).describeDBInstances(r -> r.dbInstanceIdentifier(names.dbInstance(region))).dbInstances().getFirst();
    }

    private Optional<DBInstance> findDb(String region) {
        return clients.get(RDS, region).describeDBInstances().dbInstances().stream()
                .filter(d -> d.dbInstanceIdentifier().equals(names.dbInstance(region))).findFirst();
    }

    public String parameter(String region, String name) {
        return clients.get(RDS, region).describeDBParameters(r -> r.dbParameterGroupName(names.parameterGroup(region))).parameters().stream()
                .filter(p -> p.parameterName().equals(name)).map(p -> p.parameterValue()).findFirst().orElse(null);
    }

    public int desiredCount(String region) {
        return clients.get(ECS, region).describeServices(r -> r.cluster(names.ecsCluster(region)).services(names.ecsService(region)))
                .services().getFirst().desiredCount();
    }

    /** The run lock's item in the region's workflow state table ({@code lock#<application>}); empty while the lock is free there. */
    public Map<String, AttributeValue> lockItem(String region) {
        return stateItem(region, "lock#" + names.application());
    }

    /** The run record of {@code executionArn} in the region's workflow state table; empty if the run wrote none there. */
    public Map<String, AttributeValue> runRecordItem(String region, String executionArn) {
        return stateItem(region, "run#" + names.application() + "#" + executionArn);
    }

    private Map<String, AttributeValue> stateItem(String region, String pk) {
        return clients.get(DYNAMODB, region).getItem(r -> r.tableName(names.stateTable()).key(Map.of("pk", AttributeValue.fromS(pk)))).item();
    }

    /**
     * Everything the workflow could change, read back: databases, the read-only parameter, routing
     * controls, services, alarms, workflow metrics, and the state tables.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String region : regions()) {
            if (engine() == Engine.RDS_POSTGRES) {
                DBInstance db = db(region);
                state.put(region + " db", db.dbInstanceStatus() + " source=" + db.readReplicaSourceDBInstanceIdentifier()
                        + " replicas=" + db.readReplicaDBInstanceIdentifiers());
                state.put(region + " read-only", parameter(region, READ_ONLY_PARAMETER));
            }
            state.put(region + " routing", routing().read(region));
            state.put(region + " desired", desiredCount(region));
            state.put(region + " alarms", clients.get(CLOUDWATCH, region).describeAlarms().metricAlarms().stream()
                    .map(a -> a.alarmName() + "=" + a.stateValueAsString()).toList());
            state.put(region + " metrics", clients.get(CLOUDWATCH, region).listMetrics().metrics().stream()
                    .map(m -> m.namespace() + "/" + m.metricName() + m.dimensions()).sorted().toList());
            state.put(region + " items", clients.get(DYNAMODB, region).scan(r -> r.tableName(names.stateTable())).items().toString());
        }
        state.put("dials", dials());
        if (engine() == Engine.AURORA_POSTGRES_GLOBAL) {
            state.put("global writer", globalWriter());
        }
        return state;
    }

    public MotoServer moto() {
        return moto;
    }
}
