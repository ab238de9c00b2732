package dev.crossfade.local.lab;

import static dev.crossfade.functions.workflow.database.DatabaseServices.RDS;
import static dev.crossfade.functions.workflow.state.StateServices.CLOUDWATCH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.DatabaseBridge;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.emulator.Poll;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.state.Metrics;
import dev.crossfade.local.ResourceNames;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Parameter;

/**
 * moto's RDS APIs, over HTTP, acting on the lab's real PostgreSQL servers through the database
 * bridge. Only the databases are created (the seed's names, as ApplicationDeployer creates them).
 */
class RdsOnLabServersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String PRIMARY = "us-east-1";
    private static final String STANDBY = "eu-west-1";
    private static final ResourceNames NAMES = new ResourceNames("shop-prod");

    private static LabDatabases databases;
    private static DatabaseBridge bridge;
    private static MotoServer moto;
    private static AwsClients clients;

    @BeforeAll
    static void start() {
        databases = new LabDatabases(new PostgresLab(PostgresInstall.locate(), (a, b) -> Duration.ZERO), Duration.ofSeconds(2));
        bridge = DatabaseBridge.start(databases);
        moto = MotoServer.start(bridge.motoEnvironment());
        clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")),
                region -> Optional.of(moto.endpoint()));
    }

    @AfterAll
    static void stop() {
        moto.close();
        bridge.close();
        databases.close();
    }

    @BeforeEach
    void reset() {
        moto.reset();
    }

    private static PostgresLab lab() {
        return databases.lab();
    }

    private static RdsClient rds(String region) {
        return clients.get(RDS, region);
    }

    /** The seed's rds-postgres databases: a primary instance and a cross-region read replica, each with its parameter group. */
    private static void rdsReplicas() {
        for (String region : List.of(PRIMARY, STANDBY)) {
            rds(region).createDBParameterGroup(b -> b.dbParameterGroupName(NAMES.parameterGroup(region)).dbParameterGroupFamily("postgres15")
                    .description("crossfade " + region));
        }
        String arn = rds(PRIMARY).createDBInstance(b -> b.dbInstanceIdentifier(NAMES.dbInstance(PRIMARY)).engine("postgres")
                .engineVersion("15.4").dbInstanceClass("db.r5.large").allocatedStorage(100).masterUsername("crossfade")
                .masterUserPassword("not-a-secret-1").dbParameterGroupName(NAMES.parameterGroup(PRIMARY))).dbInstance().dbInstanceArn();
        rds(STANDBY).createDBInstanceReadReplica(b -> b.dbInstanceIdentifier(NAMES.dbInstance(STANDBY)).sourceDBInstanceIdentifier(arn)
                .dbParameterGroupName(NAMES.parameterGroup(STANDBY)));
        awaitAvailable(PRIMARY);
        awaitAvailable(STANDBY);
    }

    /** The seed on an Aurora global database: the primary cluster, the global cluster, a secondary cluster. */
    private static void auroraGlobal() {
        String writer = rds(PRIMARY).createDBCluster(b -> b.dbClusterIdentifier(NAMES.dbCluster(PRIMARY)).engine("aurora-postgresql")
                .engineVersion("15.4").masterUsername("crossfade").masterUserPassword("not-a-secret-1")).dbCluster().dbClusterArn();
        rds(PRIMARY).createGlobalCluster(b -> b.globalClusterIdentifier(NAMES.globalCluster()).sourceDBClusterIdentifier(writer));
        rds(STANDBY).createDBCluster(b -> b.dbClusterIdentifier(NAMES.dbCluster(STANDBY)).engine("aurora-postgresql")
                .engineVersion("15.4").globalClusterIdentifier(NAMES.globalCluster()));
        Poll.until(DEADLINE, () -> List.of(clusterStatus(PRIMARY), clusterStatus(STANDBY)), s -> s.equals(List.of("available", "available")));
    }

    @Test
    void createdReplica_shouldBeAStreamingServer_thatDescribeReportsAsItIs() {
        rdsReplicas();
        write(PRIMARY, 1);

        assertEquals(db(PRIMARY).dbInstanceArn(), db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        assertTrue(lab().server(STANDBY).inRecovery());
        assertEquals(Optional.of(PRIMARY), lab().sourceOf(STANDBY));
        assertEquals(List.of(PRIMARY), lab().writers());
        Poll.until(DEADLINE, () -> rows(STANDBY), r -> r.equals(List.of(1L)));
    }

    @Test
    void promoteReadReplica_shouldPromoteTheServer() {
        rdsReplicas();

        rds(STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(NAMES.dbInstance(STANDBY)));

        assertFalse(lab().server(STANDBY).inRecovery());
        assertNull(db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        write(STANDBY, 2);
        assertEquals(List.of(2L), rows(STANDBY));
    }

    @Test
    void promoteOfAServerThatIsDown_shouldFailAndLeaveTheInstanceAReplica() {
        rdsReplicas();
        databases.crash(STANDBY);

        assertThrows(InvalidDbInstanceStateException.class, () -> rds(STANDBY)
                .promoteReadReplica(r -> r.dbInstanceIdentifier(NAMES.dbInstance(STANDBY))));

        assertEquals(db(PRIMARY).dbInstanceArn(), db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        databases.recover(STANDBY);
        assertTrue(lab().server(STANDBY).inRecovery());
    }

    @Test
    void readOnlyParameter_shouldFenceTheServer_andLiftingItShouldUnfence() {
        rdsReplicas();

        readOnly(PRIMARY, "on");

        SQLException refused = assertThrows(SQLException.class, () -> insert(PRIMARY, 1));
        assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
        assertEquals(List.of(), lab().writers());
        readOnly(PRIMARY, "off");
        write(PRIMARY, 2);
    }

    @Test
    void createDBInstanceReadReplica_shouldRebuildTheOldPrimaryFromTheNewWriter() {
        rdsReplicas();
        write(PRIMARY, 1);
        Poll.until(DEADLINE, () -> rows(STANDBY), r -> r.equals(List.of(1L)));
        rds(STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(NAMES.dbInstance(STANDBY)));
        write(PRIMARY, 2); // the old primary diverges
        write(STANDBY, 3);
        rds(PRIMARY).deleteDBInstance(r -> r.dbInstanceIdentifier(NAMES.dbInstance(PRIMARY)).skipFinalSnapshot(true));

        String source = db(STANDBY).dbInstanceArn();
        rds(PRIMARY).createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(NAMES.dbInstance(PRIMARY))
                .sourceDBInstanceIdentifier(source).dbParameterGroupName(NAMES.parameterGroup(PRIMARY)));
        assertEquals("creating", db(PRIMARY).dbInstanceStatus());
        awaitAvailable(PRIMARY);

        assertEquals(Optional.of(STANDBY), lab().sourceOf(PRIMARY));
        assertEquals(List.of(1L, 3L), rows(PRIMARY));
        assertEquals(List.of(STANDBY), lab().writers());
    }

    @Test
    void replicaLagMetric_shouldBeTheMeasuredReplayLag() {
        rdsReplicas();
        Map<String, String> dimension = Map.of("DBInstanceIdentifier", NAMES.dbInstance(STANDBY));
        try (ReplicaLagPublisher publisher = new ReplicaLagPublisher(databases, region -> clients.get(CLOUDWATCH, region))) {
            lab().server(STANDBY).pauseReplay();
            Poll.until(DEADLINE, () -> {
                write(PRIMARY, System.nanoTime());
                publisher.publish();
                return Metrics.latest(clients.get(CLOUDWATCH, STANDBY), "AWS/RDS", "ReplicaLag", dimension).orElse(0.0);
            }, lag -> {
                if (lag < 1.0) {
                    System.err.println("lag " + lag + ", measured " + lab().replayLag(STANDBY) + " from " + lab().sourceOf(STANDBY)
                            + ", published " + publisher.published().size() + ", errors " + publisher.errors());
                }
                return lag >= 1.0;
            });
            assertTrue(publisher.published().stream().allMatch(p -> p.region().equals(STANDBY)), "only the replica has a lag");
        } finally {
            lab().server(STANDBY).resumeReplay();
        }
    }

    @Test
    void auroraFailover_shouldPromoteAtOnceAndFenceARunningOldWriter() {
        auroraGlobal();
        assertTrue(lab().server(STANDBY).inRecovery());
        lab().server(STANDBY).pauseReplay(); // a failover does not wait for the replica

        rds(STANDBY).failoverGlobalCluster(r -> r.globalClusterIdentifier(NAMES.globalCluster())
                .targetDbClusterIdentifier(NAMES.clusterArn(STANDBY)).allowDataLoss(true));
        Poll.until(DEADLINE, RdsOnLabServersTest::globalStatus, "available"::equals);

        assertFalse(lab().server(STANDBY).inRecovery());
        assertEquals(NAMES.clusterArn(STANDBY), globalWriter());
        Poll.until(DEADLINE, () -> lab().writers(), w -> w.equals(List.of(STANDBY)));
        Poll.until(DEADLINE, () -> lab().sourceOf(PRIMARY), s -> s.equals(Optional.of(STANDBY)));
    }

    @Test
    void auroraSwitchover_shouldWaitForZeroLag_andLoseNothing() {
        auroraGlobal();
        write(PRIMARY, 1);
        lab().server(STANDBY).pauseReplay();
        write(PRIMARY, 2);

        switchover(); // waits for zero lag, which never comes: gives up, nothing moved
        assertEquals("switching-over", globalStatus());
        Poll.until(DEADLINE, RdsOnLabServersTest::globalStatus, "available"::equals);
        assertEquals(NAMES.clusterArn(PRIMARY), globalWriter());
        write(PRIMARY, 3); // the writer was unfenced

        lab().server(STANDBY).resumeReplay();
        switchover();
        Poll.until(DEADLINE, RdsOnLabServersTest::globalStatus, "available"::equals);

        assertEquals(NAMES.clusterArn(STANDBY), globalWriter());
        assertEquals(List.of(1L, 2L, 3L), rows(STANDBY));
        Poll.until(DEADLINE, () -> lab().writers(), w -> w.equals(List.of(STANDBY)));
    }

    private static void switchover() {
        rds(STANDBY).switchoverGlobalCluster(r -> r.globalClusterIdentifier(NAMES.globalCluster())
                .targetDbClusterIdentifier(NAMES.clusterArn(STANDBY)));
    }

    private static String globalStatus() {
        return rds(PRIMARY).describeGlobalClusters(r -> r.globalClusterIdentifier(NAMES.globalCluster())).globalClusters().getFirst().status();
    }

    private static String globalWriter() {
        return rds(PRIMARY).describeGlobalClusters(r -> r.globalClusterIdentifier(NAMES.globalCluster())).globalClusters().getFirst()
                .globalClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isWriter())).map(m -> m.dbClusterArn()).findFirst().orElse(null);
    }

    private static String clusterStatus(String region) {
        return rds(region).describeDBClusters(r -> r.dbClusterIdentifier(NAMES.dbCluster(region))).dbClusters().getFirst().status();
    }

    private static DBInstance db(String region) {
        return rds(region).describeDBInstances(r -> r.dbInstanceIdentifier(NAMES.dbInstance(region))).dbInstances().getFirst();
    }

    private static void awaitAvailable(String region) {
        Poll.until(DEADLINE, () -> db(region).dbInstanceStatus(), "available"::equals);
    }

    private static void readOnly(String region, String value) {
        rds(region).modifyDBParameterGroup(r -> r.dbParameterGroupName(NAMES.parameterGroup(region))
                .parameters(Parameter.builder().parameterName("default_transaction_read_only").parameterValue(value)
                        .applyMethod(ApplyMethod.IMMEDIATE).build()));
    }

    private static void write(String region, long id) {
        try {
            insert(region, id);
        } catch (SQLException e) {
            throw new AssertionError(region + ": " + e.getMessage(), e);
        }
    }

    private static void insert(String region, long id) throws SQLException {
        try (Connection c = lab().server(region).connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists t (id bigint primary key)");
            s.execute("insert into t values (" + id + ")");
        }
    }

    private static List<Long> rows(String region) {
        return PostgresLabTest.ids(lab().server(region));
    }
}
