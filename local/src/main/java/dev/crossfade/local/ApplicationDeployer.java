package dev.crossfade.local;

import static dev.crossfade.functions.workflow.capacity.CapacityServices.ECS;
import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static dev.crossfade.functions.workflow.state.StateServices.DYNAMODB;
import static dev.crossfade.functions.workflow.traffic.TrafficServices.GLOBAL_ACCELERATOR;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.RoutingControl;
import dev.crossfade.functions.workflow.state.RoutingVeto;
import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Engine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Creates what the regional and global stacks would: per enabled region the database (RDS
 * primary and cross-region read replicas, or an Aurora global cluster), the parameter group, the
 * region's health alarm, the ECS service, the workflow's and the detector's tables, the
 * replicated tables and buckets, the routing control switched on; and the accelerator.
 */
final class ApplicationDeployer {

    private final EmulatedApplication app;
    private final AwsClients clients;
    private final ResourceNames names;
    private final Topology topology;

    ApplicationDeployer(EmulatedApplication app) {
        this.app = app;
        this.clients = app.clients();
        this.names = app.names();
        this.topology = app.topology();
    }

    /** @return the accelerator's ARN, if the topology has one */
    Optional<String> deploy() {
        for (Topology.Region region : topology.enabledRegions()) {
            deployRegion(region);
        }
        if (app.engine() == Engine.RDS_POSTGRES) {
            deployRdsReplicas();
        } else {
            deployGlobalDatabase();
        }
        deployBuckets();
        return topology.globalAccelerator().enabled() ? Optional.of(deployAccelerator()) : Optional.empty();
    }

    private void deployRegion(Topology.Region r) {
        String region = r.name();
        if (app.engine() == Engine.RDS_POSTGRES) {
            clients.get(RDS, region).createDBParameterGroup(b -> b.dbParameterGroupName(names.parameterGroup(region))
                    .dbParameterGroupFamily("postgres15").description("crossfade " + region));
        }
        clients.get(CLOUDWATCH, region).putMetricAlarm(b -> b.alarmName(names.healthAlarm(region)).namespace("AWS/ApplicationELB")
                .metricName("UnHealthyHostCount").statistic(Statistic.MAXIMUM).period(60).evaluationPeriods(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD));
        // as FailoverWorkflow makes it: the routing control, Maximum over one standard-resolution minute, off below 1
        clients.get(CLOUDWATCH, region).putMetricAlarm(b -> b.alarmName(names.routingAlarm(region)).namespace(WorkflowConfig.ROUTING_NAMESPACE)
                .metricName(WorkflowConfig.ROUTING_METRIC).dimensions(app.routing().dimensions(region).entrySet().stream()
                        .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                .statistic(Statistic.MAXIMUM).period(RoutingControl.PERIOD_SECONDS).evaluationPeriods(1)
                .threshold(1.0).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD).treatMissingData("ignore"));
        // as FailoverWorkflow makes it: the veto of each region this one holds (VetoHolder), on at 1 or more
        for (Topology.Region vetoed : topology.enabledRegions()) {
            if (dev.crossfade.topology.VetoHolder.of(topology, vetoed.name()).filter(region::equals).isPresent()) {
                clients.get(CLOUDWATCH, region).putMetricAlarm(b -> b.alarmName(RoutingVeto.alarmName(names.application(), vetoed.name()))
                        .namespace(WorkflowConfig.ROUTING_NAMESPACE).metricName(RoutingVeto.METRIC)
                        .dimensions(app.routing().dimensions(vetoed.name()).entrySet().stream()
                                .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                        .statistic(Statistic.MAXIMUM).period(RoutingControl.PERIOD_SECONDS).evaluationPeriods(1)
                        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD).treatMissingData("ignore"));
            }
        }
        app.setHealthy(region, true);
        clients.get(ECS, region).createCluster(b -> b.clusterName(names.ecsCluster(region)));
        clients.get(ECS, region).registerTaskDefinition(b -> b.family(names.application()).containerDefinitions(c -> c.name("app")
                .image(topology.app().image()).memory(512)));
        clients.get(ECS, region).createService(b -> b.cluster(names.ecsCluster(region)).serviceName(names.ecsService(region))
                .taskDefinition(names.application()).desiredCount(r.desiredCount()));
        table(region, names.stateTable(), "pk", Optional.empty());
        table(region, names.detectorTable(), "pk", Optional.of("sk"));
        topology.replication().dynamodbTables().forEach(t -> table(region, names.replicatedTable(t.name()), t.partitionKey(), t.sortKey()));
        // the routing control's last datapoint, two minutes before anything acts
        app.routing().set(region, true, Instant.now().minusSeconds(120));
    }

    private void table(String region, String name, String partitionKey, Optional<String> sortKey) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        sortKey.ifPresent(sk -> {
            attributes.add(AttributeDefinition.builder().attributeName(sk).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(sk).keyType(KeyType.RANGE).build());
        });
        clients.get(DYNAMODB, region).createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes).keySchema(keys));
    }

    private void deployRdsReplicas() {
        String primary = app.primary();
        Topology.Database db = topology.database();
        DBInstance writer = clients.get(RDS, primary).createDBInstance(b -> b.dbInstanceIdentifier(names.dbInstance(primary))
                .engine("postgres").engineVersion(db.engineVersion()).dbInstanceClass(db.instanceClass())
                .allocatedStorage(db.allocatedStorage()).masterUsername("crossfade").masterUserPassword("not-a-secret-1")
                .dbParameterGroupName(names.parameterGroup(primary)).backupRetentionPeriod(db.backupRetentionDays())).dbInstance();
        for (Topology.Region r : topology.secondaryRegions()) {
            clients.get(RDS, r.name()).createDBInstanceReadReplica(b -> b.dbInstanceIdentifier(names.dbInstance(r.name()))
                    .sourceDBInstanceIdentifier(writer.dbInstanceArn()).dbParameterGroupName(names.parameterGroup(r.name())));
            // the last datapoint before anything acts, two one-minute periods ago
            app.putReplicaLag(r.name(), 1.0, Instant.now().minusSeconds(120));
        }
    }

    private void deployGlobalDatabase() {
        String primary = app.primary();
        String version = topology.database().engineVersion();
        String writer = clients.get(RDS, primary).createDBCluster(b -> b.dbClusterIdentifier(names.dbCluster(primary)).engine("aurora-postgresql")
                .engineVersion(version).masterUsername("crossfade").masterUserPassword("not-a-secret-1")).dbCluster().dbClusterArn();
        clients.get(RDS, primary).createGlobalCluster(b -> b.globalClusterIdentifier(names.globalCluster()).sourceDBClusterIdentifier(writer));
        for (Topology.Region r : topology.secondaryRegions()) {
            clients.get(RDS, r.name()).createDBCluster(b -> b.dbClusterIdentifier(names.dbCluster(r.name())).engine("aurora-postgresql")
                    .engineVersion(version).globalClusterIdentifier(names.globalCluster()));
            app.putReplicaLag(r.name(), 1.0, Instant.now().minusSeconds(120));
        }
    }

    private void deployBuckets() {
        if (topology.replication().s3Buckets().isEmpty()) {
            return;
        }
        for (Topology.Region r : topology.enabledRegions()) {
            try (S3Client s3 = S3Client.builder().region(Region.of(r.name())).endpointOverride(app.moto().endpoint())
                    .forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))).build()) {
                // S3 refuses a location constraint for us-east-1, its default
                topology.replication().s3Buckets().forEach(bucket -> s3.createBucket(b -> b.bucket(names.bucket(bucket, r.name()))
                        .createBucketConfiguration(r.name().equals("us-east-1") ? null
                                : software.amazon.awssdk.services.s3.model.CreateBucketConfiguration.builder().locationConstraint(r.name()).build())));
            }
        }
    }

    /** Active-passive: only the primary dialled in; active-active: every region (as infra's Accelerator). */
    private String deployAccelerator() {
        GlobalAcceleratorClient ga = clients.get(GLOBAL_ACCELERATOR);
        String arn = ga.createAccelerator(b -> b.name(names.application()).idempotencyToken(names.application() + "-" + System.nanoTime()))
                .accelerator().acceleratorArn();
        String listener = ga.createListener(b -> b.acceleratorArn(arn).protocol("TCP")
                .portRanges(p -> p.fromPort(443).toPort(443)).idempotencyToken("l" + System.nanoTime())).listener().listenerArn();
        boolean activeActive = topology.mode() == Topology.Mode.ACTIVE_ACTIVE;
        for (Topology.Region r : topology.enabledRegions()) {
            ga.createEndpointGroup(b -> b.listenerArn(listener).endpointGroupRegion(r.name())
                    .trafficDialPercentage(activeActive || r.primary() ? 100f : 0f).idempotencyToken(r.name() + System.nanoTime()));
        }
        return arn;
    }
}
