package dev.crossfade.local.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.DatabaseBridge;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.workflow.Metrics;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.Poll;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.topology.Topology.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.ApplyMethod;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.InvalidDbInstanceStateException;
import software.amazon.awssdk.services.rds.model.Parameter;

/** moto's RDS APIs, over HTTP, acting on the lab's real PostgreSQL servers through the database bridge. */
class RdsOnLabServersTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String PRIMARY = Seed.PRIMARY;
    private static final String STANDBY = Seed.STANDBY;

    private static LabDatabases databases;
    private static DatabaseBridge bridge;
    private static MotoServer moto;

    @BeforeAll
    static void start() {
        databases = new LabDatabases(PostgresLab.create(), Duration.ofSeconds(2));
        bridge = DatabaseBridge.start(databases);
        moto = MotoServer.start(bridge.motoEnvironment());
    }

    @AfterAll
    static void stop() {
        moto.close();
        bridge.close();
        databases.close();
    }

    private static PostgresLab lab() {
        return databases.lab();
    }

    @Test
    void deploy_shouldRunAWriterAndAStreamingReplica_thatDescribeReportsAsTheyAre() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));
        write(PRIMARY, 1);

        DBInstance replica = app.db(STANDBY);
        assertEquals(app.db(PRIMARY).dbInstanceArn(), replica.readReplicaSourceDBInstanceIdentifier());
        assertTrue(lab().server(STANDBY).inRecovery());
        assertEquals(Optional.of(PRIMARY), lab().sourceOf(STANDBY));
        assertEquals(List.of(PRIMARY), lab().writers());
        assertEquals(List.of(PRIMARY), app.writerRegions());
        Poll.until(DEADLINE, () -> rows(STANDBY), r -> r.equals(List.of(1L)));
    }

    @Test
    void promoteReadReplica_shouldPromoteTheServer() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));

        app.clients().rds(STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(STANDBY)));

        assertFalse(lab().server(STANDBY).inRecovery());
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        write(STANDBY, 2);
        assertEquals(List.of(2L), rows(STANDBY));
    }

    @Test
    void promoteOfAServerThatIsDown_shouldFailAndLeaveTheInstanceAReplica() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));
        databases.crash(STANDBY);

        assertThrows(InvalidDbInstanceStateException.class, () -> app.clients().rds(STANDBY)
                .promoteReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(STANDBY))));

        assertEquals(app.db(PRIMARY).dbInstanceArn(), app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        databases.recover(STANDBY);
        assertTrue(lab().server(STANDBY).inRecovery());
    }

    @Test
    void readOnlyParameter_shouldFenceTheServer_andLiftingItShouldUnfence() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));

        readOnly(app, PRIMARY, "on");

        SQLException refused = assertThrows(SQLException.class, () -> insert(PRIMARY, 1));
        assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
        assertEquals(List.of(), app.writerRegions());
        readOnly(app, PRIMARY, "off");
        write(PRIMARY, 2);
    }

    @Test
    void createDBInstanceReadReplica_shouldRebuildTheOldPrimaryFromTheNewWriter() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));
        write(PRIMARY, 1);
        Poll.until(DEADLINE, () -> rows(STANDBY), r -> r.equals(List.of(1L)));
        app.clients().rds(STANDBY).promoteReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(STANDBY)));
        write(PRIMARY, 2); // the old primary diverges
        write(STANDBY, 3);
        app.deleteDb(PRIMARY);

        String source = app.db(STANDBY).dbInstanceArn();
        app.clients().rds(PRIMARY).createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(app.names().dbInstance(PRIMARY))
                .sourceDBInstanceIdentifier(source).dbParameterGroupName(app.names().parameterGroup(PRIMARY)));
        assertEquals("creating", app.db(PRIMARY).dbInstanceStatus());
        DatabaseReadiness.awaitAvailable(app, DEADLINE);

        assertEquals(Optional.of(STANDBY), lab().sourceOf(PRIMARY));
        assertEquals(List.of(1L, 3L), rows(PRIMARY));
        assertEquals(List.of(STANDBY), lab().writers());
    }

    @Test
    void replicaLagMetric_shouldBeTheMeasuredReplayLag() {
        EmulatedApplication app = deploy(Seed.deployRds(moto));
        Map<String, String> dimension = Map.of("DBInstanceIdentifier", app.names().dbInstance(STANDBY));
        try (ReplicaLagPublisher publisher = new ReplicaLagPublisher(databases, r -> app.clients().cloudWatch(r))) {
            lab().server(STANDBY).pauseReplay();
            Poll.until(DEADLINE, () -> {
                write(PRIMARY, System.nanoTime());
                publisher.publish();
                return Metrics.latest(app.clients().cloudWatch(STANDBY), "AWS/RDS", "ReplicaLag", dimension).orElse(0.0);
            }, lag -> lag >= 1.0);
            assertTrue(publisher.published().stream().allMatch(p -> p.region().equals(STANDBY)), "only the replica has a lag");
        } finally {
            lab().server(STANDBY).resumeReplay();
        }
    }

    @Test
    void auroraFailover_shouldPromoteAtOnceAndFenceARunningOldWriter() {
        EmulatedApplication app = deploy(Seed.deployAurora(moto));
        assertTrue(lab().server(STANDBY).inRecovery());
        lab().server(STANDBY).pauseReplay(); // a failover does not wait for the replica

        app.clients().rds(STANDBY).failoverGlobalCluster(r -> r.globalClusterIdentifier(app.names().globalCluster())
                .targetDbClusterIdentifier(app.names().clusterArn(STANDBY)).allowDataLoss(true));
        DatabaseReadiness.awaitAvailable(app, DEADLINE);

        assertFalse(lab().server(STANDBY).inRecovery());
        assertEquals(List.of(STANDBY), app.writerRegions());
        Poll.until(DEADLINE, () -> lab().writers(), w -> w.equals(List.of(STANDBY)));
        Poll.until(DEADLINE, () -> lab().sourceOf(PRIMARY), s -> s.equals(Optional.of(STANDBY)));
    }

    @Test
    void auroraSwitchover_shouldWaitForZeroLag_andLoseNothing() {
        EmulatedApplication app = deploy(Seed.deployAurora(moto));
        write(PRIMARY, 1);
        lab().server(STANDBY).pauseReplay();
        write(PRIMARY, 2);

        switchover(app); // waits for zero lag, which never comes: gives up, nothing moved
        assertEquals("switching-over", DatabaseReadiness.statuses(app).get("global"));
        DatabaseReadiness.awaitAvailable(app, DEADLINE);
        assertEquals(List.of(PRIMARY), app.writerRegions());
        write(PRIMARY, 3); // the writer was unfenced

        lab().server(STANDBY).resumeReplay();
        switchover(app);
        DatabaseReadiness.awaitAvailable(app, DEADLINE);

        assertEquals(List.of(STANDBY), app.writerRegions());
        assertEquals(List.of(1L, 2L, 3L), rows(STANDBY));
        Poll.until(DEADLINE, () -> lab().writers(), w -> w.equals(List.of(STANDBY)));
    }

    private static EmulatedApplication deploy(EmulatedApplication app) {
        DatabaseReadiness.awaitAvailable(app, Duration.ofSeconds(60));
        return app;
    }

    private static void switchover(EmulatedApplication app) {
        app.clients().rds(STANDBY).switchoverGlobalCluster(r -> r.globalClusterIdentifier(app.names().globalCluster())
                .targetDbClusterIdentifier(app.names().clusterArn(STANDBY)));
    }

    private static void readOnly(EmulatedApplication app, String region, String value) {
        app.clients().rds(region).modifyDBParameterGroup(r -> r.dbParameterGroupName(app.names().parameterGroup(region))
                .parameters(Parameter.builder().parameterName(EmulatedApplication.READ_ONLY_PARAMETER).parameterValue(value)
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
        try (Connection c = lab().server(region).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select id from t order by id")) {
            List<Long> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        } catch (SQLException e) {
            return List.of(-1L);
        }
    }
}
