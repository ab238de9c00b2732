package dev.crossfade.functions.workflow.testutils;

import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.workflow.AwsClients;
import dev.crossfade.functions.workflow.RegionTargets;
import dev.crossfade.functions.workflow.RoutingControl;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.topology.Topology.Engine;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The seed application (shop-prod, us-east-1 primary, eu-west-1 standby, rds-postgres with a
 * cross-region read replica) created in moto over HTTP, as the regional stacks would deploy it.
 */
public final class EmulatedApplication {

    public static final String APP = "shop-prod";
    public static final String PRIMARY = "us-east-1";
    public static final String STANDBY = "eu-west-1";
    /** Nothing listens here: a region pointed at it is unreachable. */
    public static final URI UNREACHABLE = URI.create("http://127.0.0.1:9");

    public static final String GLOBAL_CLUSTER = APP + "-global";

    private final MotoServer moto;
    private final Engine engine;
    private final AwsClients clients;
    private String acceleratorArn;

    private EmulatedApplication(MotoServer moto, Engine engine) {
        this.moto = moto;
        this.engine = engine;
        this.clients = clients(Set.of());
    }

    /** Resets moto and deploys the seed application into it (rds-postgres with a cross-region read replica). */
    public static EmulatedApplication deployRds(MotoServer moto) {
        return deploy(moto, Engine.RDS_POSTGRES);
    }

    /** Resets moto and deploys the seed application on an Aurora PostgreSQL global database instead. */
    public static EmulatedApplication deployAurora(MotoServer moto) {
        return deploy(moto, Engine.AURORA_POSTGRES_GLOBAL);
    }

    private static EmulatedApplication deploy(MotoServer moto, Engine engine) {
        moto.reset();
        EmulatedApplication app = new EmulatedApplication(moto, engine);
        app.deploy();
        return app;
    }

    /** Clients for every region, pointed at moto, except the given regions, which cannot be reached. */
    public AwsClients clients(Set<String> unreachable) {
        return clients(unreachable, List.of());
    }

    /** @param faults interceptors that inject AWS errors into the calls they choose */
    public AwsClients clients(Set<String> unreachable, List<ExecutionInterceptor> faults) {
        return new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(unreachable.contains(region) ? UNREACHABLE : moto.endpoint()), faults);
    }

    public AwsClients clients() {
        return clients;
    }

    public WorkflowConfig config(boolean approvalForDataLoss) {
        Map<String, RegionTargets> regions = new LinkedHashMap<>();
        regions.put(PRIMARY, targets(PRIMARY, 1, 3));
        regions.put(STANDBY, targets(STANDBY, 2, 2));
        return new WorkflowConfig(APP, engine, regions, engine == Engine.RDS_POSTGRES ? "" : GLOBAL_CLUSTER,
                Optional.ofNullable(acceleratorArn), 5, approvalForDataLoss, stateTable(), "default");
    }

    public WorkflowConfig config() {
        return config(false);
    }

    private RegionTargets targets(String region, int priority, int desired) {
        if (engine == Engine.AURORA_POSTGRES_GLOBAL) {
            return new RegionTargets(priority, desired, null, dbCluster(region), clusterArn(region), null,
                    APP + "-" + region, APP + "-" + region + "-service", healthAlarm(region), null, null);
        }
        return new RegionTargets(priority, desired, dbInstance(region), null, null, parameterGroup(region),
                APP + "-" + region, APP + "-" + region + "-service", healthAlarm(region), null, kmsKey(region));
    }

    /** The region's key for a replica created there (not created in KMS: the emulated RDS only records it). */
    public static String kmsKey(String region) {
        return "arn:aws:kms:" + region + ":123456789012:key/" + APP + "-" + region;
    }

    public static String dbCluster(String region) {
        return APP + "-" + region + "-cluster";
    }

    public static String clusterArn(String region) {
        return "arn:aws:rds:" + region + ":123456789012:cluster:" + dbCluster(region);
    }

    public static String dbInstance(String region) {
        return APP + "-" + region + "-db";
    }

    public static String parameterGroup(String region) {
        return APP + "-" + region + "-pg";
    }

    public static String healthAlarm(String region) {
        return APP + "-" + region + "-health";
    }

    public static String stateTable() {
        return APP + "-failover-state";
    }

    private void deploy() {
        for (String region : new String[] {PRIMARY, STANDBY}) {
            clients.rds(region).createDBParameterGroup(r -> r.dbParameterGroupName(parameterGroup(region))
                    .dbParameterGroupFamily("postgres15").description("crossfade " + region));
            clients.cloudWatch(region).putMetricAlarm(r -> r.alarmName(healthAlarm(region)).namespace("AWS/ApplicationELB")
                    .metricName("UnHealthyHostCount").statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1)
                    .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
            setHealthy(region, true);
            clients.ecs(region).createCluster(r -> r.clusterName(APP + "-" + region));
            clients.ecs(region).registerTaskDefinition(r -> r.family(APP).containerDefinitions(c -> c.name("app")
                    .image("public.ecr.aws/nginx/nginx:stable").memory(512)));
            clients.ecs(region).createService(r -> r.cluster(APP + "-" + region).serviceName(APP + "-" + region + "-service")
                    .taskDefinition(APP).desiredCount(region.equals(PRIMARY) ? 3 : 2));
            clients.dynamoDb(region).createTable(r -> r.tableName(stateTable()).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            routing().set(region, true, Instant.now().minusSeconds(120));
        }
        if (engine == Engine.RDS_POSTGRES) {
            deployRdsReplica();
        } else {
            deployGlobalDatabase();
        }
        deployAccelerator();
    }

    private void deployRdsReplica() {
        DBInstance primary = clients.rds(PRIMARY).createDBInstance(r -> r.dbInstanceIdentifier(dbInstance(PRIMARY))
                .engine("postgres").engineVersion("15.4").dbInstanceClass("db.r5.large").allocatedStorage(100)
                .masterUsername("crossfade").masterUserPassword("not-a-secret-1").dbParameterGroupName(parameterGroup(PRIMARY))
                .backupRetentionPeriod(14)).dbInstance();
        clients.rds(STANDBY).createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(dbInstance(STANDBY))
                .sourceDBInstanceIdentifier(primary.dbInstanceArn()).dbParameterGroupName(parameterGroup(STANDBY)));
        // the last datapoint before the test acts, two one-minute periods ago
        putReplicaLag(STANDBY, 1.0, Instant.now().minusSeconds(120));
    }

    private void deployGlobalDatabase() {
        String primary = clients.rds(PRIMARY).createDBCluster(r -> r.dbClusterIdentifier(dbCluster(PRIMARY)).engine("aurora-postgresql")
                .engineVersion("15.4").masterUsername("crossfade").masterUserPassword("not-a-secret-1")).dbCluster().dbClusterArn();
        clients.rds(PRIMARY).createGlobalCluster(r -> r.globalClusterIdentifier(GLOBAL_CLUSTER).sourceDBClusterIdentifier(primary));
        clients.rds(STANDBY).createDBCluster(r -> r.dbClusterIdentifier(dbCluster(STANDBY)).engine("aurora-postgresql")
                .engineVersion("15.4").globalClusterIdentifier(GLOBAL_CLUSTER));
        putReplicaLag(STANDBY, 1.0, Instant.now().minusSeconds(120));
    }

    /** A Global Accelerator (the emulator's stand-in) with the primary dialled in and the standby at 0. */
    private void deployAccelerator() {
        GlobalAcceleratorClient ga = clients.globalAccelerator();
        acceleratorArn = ga.createAccelerator(r -> r.name(APP).idempotencyToken(APP + "-" + System.nanoTime())).accelerator().acceleratorArn();
        String listener = ga.createListener(r -> r.acceleratorArn(acceleratorArn).protocol("TCP")
                .portRanges(p -> p.fromPort(443).toPort(443)).idempotencyToken("l" + System.nanoTime())).listener().listenerArn();
        for (String region : List.of(PRIMARY, STANDBY)) {
            ga.createEndpointGroup(r -> r.listenerArn(listener).endpointGroupRegion(region)
                    .trafficDialPercentage(region.equals(PRIMARY) ? 100f : 0f).idempotencyToken(region + System.nanoTime()));
        }
    }

    /** The accelerator's dial per region. */
    public Map<String, Float> dials() {
        GlobalAcceleratorClient ga = clients.globalAccelerator();
        Map<String, Float> dials = new java.util.TreeMap<>();
        ga.listListeners(r -> r.acceleratorArn(acceleratorArn)).listeners().forEach(l -> ga.listEndpointGroups(r -> r.listenerArn(l.listenerArn()))
                .endpointGroups().forEach(g -> dials.put(g.endpointGroupRegion(), g.trafficDialPercentage())));
        return dials;
    }

    /** The global cluster's writer, as a cluster ARN. */
    public String globalWriter() {
        return clients.rds(PRIMARY).describeGlobalClusters(r -> r.globalClusterIdentifier(GLOBAL_CLUSTER)).globalClusters().stream()
                .filter(g -> g.globalClusterIdentifier().equals(GLOBAL_CLUSTER)).flatMap(g -> g.globalClusterMembers().stream())
                .filter(m -> Boolean.TRUE.equals(m.isWriter())).map(m -> m.dbClusterArn()).findFirst().orElse(null);
    }

    public void setHealthy(String region, boolean healthy) {
        clients.cloudWatch(region).setAlarmState(r -> r.alarmName(healthAlarm(region))
                .stateValue(healthy ? StateValue.OK : StateValue.ALARM).stateReason(healthy ? "test: healthy" : "test: 3 of 3 targets failing"));
    }

    /** What an operator does before failback: the old primary's diverged instance goes (final snapshot skipped here). */
    public void deleteDb(String region) {
        clients.rds(region).deleteDBInstance(r -> r.dbInstanceIdentifier(dbInstance(region)).skipFinalSnapshot(true));
    }

    public void setReplicaLag(String region, double seconds) {
        putReplicaLag(region, seconds, Instant.now());
    }

    private void putReplicaLag(String region, double seconds, Instant at) {
        if (engine == Engine.AURORA_POSTGRES_GLOBAL) {
            clients.cloudWatch(region).putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d.metricName("AuroraGlobalDBReplicationLag")
                    .dimensions(x -> x.name("DBClusterIdentifier").value(dbCluster(region)))
                    .value(seconds * 1000).unit(StandardUnit.MILLISECONDS).timestamp(at)));
            return;
        }
        clients.cloudWatch(region).putMetricData(r -> r.namespace("AWS/RDS").metricData(d -> d.metricName("ReplicaLag")
                .dimensions(x -> x.name("DBInstanceIdentifier").value(dbInstance(region)))
                .value(seconds).unit(StandardUnit.SECONDS).timestamp(at)));
    }

    public RoutingControl routing() {
        return new RoutingControl(clients, APP);
    }

    public DBInstance db(String region) {
        return clients.rds(region).describeDBInstances(r -> r.dbInstanceIdentifier(dbInstance(region))).dbInstances().getFirst();
    }

    public String parameter(String region, String name) {
        return clients.rds(region).describeDBParameters(r -> r.dbParameterGroupName(parameterGroup(region))).parameters().stream()
                .filter(p -> p.parameterName().equals(name)).map(p -> p.parameterValue()).findFirst().orElse(null);
    }

    public int desiredCount(String region) {
        return clients.ecs(region).describeServices(r -> r.cluster(APP + "-" + region).services(APP + "-" + region + "-service"))
                .services().getFirst().desiredCount();
    }

    /**
     * Everything the workflow could change, read back: databases, the read-only parameter, routing
     * controls, services, alarms, workflow metrics, and the state tables.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String region : List.of(PRIMARY, STANDBY)) {
            if (engine == Engine.RDS_POSTGRES) {
                DBInstance db = db(region);
                state.put(region + " db", db.dbInstanceStatus() + " source=" + db.readReplicaSourceDBInstanceIdentifier()
                        + " replicas=" + db.readReplicaDBInstanceIdentifiers());
                state.put(region + " read-only", parameter(region, "default_transaction_read_only"));
            }
            state.put(region + " routing", routing().read(region));
            state.put(region + " desired", desiredCount(region));
            state.put(region + " alarms", clients.cloudWatch(region).describeAlarms().metricAlarms().stream()
                    .map(a -> a.alarmName() + "=" + a.stateValueAsString()).toList());
            state.put(region + " metrics", clients.cloudWatch(region).listMetrics().metrics().stream()
                    .map(m -> m.namespace() + "/" + m.metricName() + m.dimensions()).sorted().toList());
            state.put(region + " items", clients.dynamoDb(region).scan(r -> r.tableName(stateTable())).items().toString());
        }
        state.put("dials", dials());
        if (engine == Engine.AURORA_POSTGRES_GLOBAL) {
            state.put("global writer", globalWriter());
        }
        return state;
    }

    public MotoServer moto() {
        return moto;
    }
}
