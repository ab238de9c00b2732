package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.testutils.Sdk;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.RdsException;

@ExtendWith(MotoExtension.class)
class RdsPatchesTest {

    private RdsClient east;
    private RdsClient west;
    private String suffix;

    @BeforeEach
    void clients(MotoServer moto) {
        east = Sdk.rds(moto, "us-east-1");
        west = Sdk.rds(moto, "us-west-2");
        suffix = Long.toString(System.nanoTime());
    }

    @AfterEach
    void close() {
        east.close();
        west.close();
    }

    @Test
    void promotedCrossRegionReplica_shouldNoLongerNameOrBeListedByItsSource() {
        String source = createInstance("orders-" + suffix).dbInstanceArn();
        west.createDBInstanceReadReplica(b -> b.dbInstanceIdentifier("orders-replica-" + suffix).sourceDBInstanceIdentifier(source));

        DBInstance promoted = west.promoteReadReplica(b -> b.dbInstanceIdentifier("orders-replica-" + suffix)).dbInstance();

        assertNull(promoted.readReplicaSourceDBInstanceIdentifier());
        assertNull(describe(west, "orders-replica-" + suffix).readReplicaSourceDBInstanceIdentifier());
        assertTrue(describe(east, "orders-" + suffix).readReplicaDBInstanceIdentifiers().isEmpty());
    }

    @Test
    void promoteOfInstanceThatIsNoReplica_shouldFailWithInvalidDbInstanceState() {
        createInstance("standalone-" + suffix);

        RdsException error = assertThrows(RdsException.class,
                () -> east.promoteReadReplica(b -> b.dbInstanceIdentifier("standalone-" + suffix)));

        assertEquals("InvalidDBInstanceState", error.awsErrorDetails().errorCode());
    }

    @Test
    void switchover_shouldMakeTheTargetTheOnlyWriter() {
        Global global = createGlobalDatabase();

        GlobalCluster after = west.switchoverGlobalCluster(b -> b.globalClusterIdentifier(global.id).targetDbClusterIdentifier(global.secondaryArn)).globalCluster();

        assertEquals(Map.of(global.primaryArn, false, global.secondaryArn, true), writers(after));
        assertEquals(Map.of(global.primaryArn, false, global.secondaryArn, true), writers(describeGlobal(global.id)));
    }

    @Test
    void failoverAllowingDataLoss_shouldMakeTheTargetTheOnlyWriter() {
        Global global = createGlobalDatabase();

        GlobalCluster after = west.failoverGlobalCluster(b -> b.globalClusterIdentifier(global.id)
                .targetDbClusterIdentifier(global.secondaryArn).allowDataLoss(true)).globalCluster();

        assertEquals(Map.of(global.primaryArn, false, global.secondaryArn, true), writers(after));
    }

    @Test
    void createGlobalClusterFromCluster_shouldMakeTheSourceTheWriter() {
        Global global = createGlobalDatabase();

        assertEquals(Map.of(global.primaryArn, true, global.secondaryArn, false), writers(describeGlobal(global.id)));
    }

    @Test
    void switchoverOfUnknownGlobalCluster_shouldFailWithGlobalClusterNotFound() {
        Global global = createGlobalDatabase();

        RdsException error = assertThrows(RdsException.class, () -> west.switchoverGlobalCluster(
                b -> b.globalClusterIdentifier("no-such-global").targetDbClusterIdentifier(global.secondaryArn)));

        assertEquals("GlobalClusterNotFoundFault", error.awsErrorDetails().errorCode());
        assertEquals(404, error.statusCode());
    }

    @Test
    void switchoverToClusterOutsideTheGlobalCluster_shouldFailWithDbClusterNotFound() {
        Global global = createGlobalDatabase();

        RdsException error = assertThrows(RdsException.class, () -> west.switchoverGlobalCluster(
                b -> b.globalClusterIdentifier(global.id).targetDbClusterIdentifier("arn:aws:rds:us-west-2:123456789012:cluster:elsewhere")));

        assertEquals("DBClusterNotFoundFault", error.awsErrorDetails().errorCode());
    }

    @Test
    void switchoverToTheCurrentWriter_shouldFailWithInvalidGlobalClusterState() {
        Global global = createGlobalDatabase();

        RdsException error = assertThrows(RdsException.class, () -> west.switchoverGlobalCluster(
                b -> b.globalClusterIdentifier(global.id).targetDbClusterIdentifier(global.primaryArn)));

        assertEquals("InvalidGlobalClusterStateFault", error.awsErrorDetails().errorCode());
    }

    @Test
    void failoverWithBothAllowDataLossAndSwitchover_shouldFailWithInvalidParameterCombination() {
        Global global = createGlobalDatabase();

        RdsException error = assertThrows(RdsException.class, () -> west.failoverGlobalCluster(b -> b.globalClusterIdentifier(global.id)
                .targetDbClusterIdentifier(global.secondaryArn).allowDataLoss(true).switchover(true)));

        assertEquals("InvalidParameterCombination", error.awsErrorDetails().errorCode());
        assertFalse(writers(describeGlobal(global.id)).get(global.secondaryArn));
    }

    private record Global(String id, String primaryArn, String secondaryArn) {
    }

    private Global createGlobalDatabase() {
        String primary = east.createDBCluster(b -> b.dbClusterIdentifier("primary-" + suffix).engine("aurora-postgresql")
                .masterUsername("crossfade").masterUserPassword("not-a-secret-1")).dbCluster().dbClusterArn();
        String id = "global-" + suffix;
        east.createGlobalCluster(b -> b.globalClusterIdentifier(id).sourceDBClusterIdentifier(primary));
        String secondary = west.createDBCluster(b -> b.dbClusterIdentifier("secondary-" + suffix).engine("aurora-postgresql")
                .globalClusterIdentifier(id)).dbCluster().dbClusterArn();
        return new Global(id, primary, secondary);
    }

    private GlobalCluster describeGlobal(String id) {
        return east.describeGlobalClusters(b -> b.globalClusterIdentifier(id)).globalClusters().stream()
                .filter(g -> g.globalClusterIdentifier().equals(id)).findFirst().orElseThrow();
    }

    private static Map<String, Boolean> writers(GlobalCluster cluster) {
        return cluster.globalClusterMembers().stream().collect(Collectors.toMap(GlobalClusterMember::dbClusterArn, GlobalClusterMember::isWriter));
    }

    private DBInstance createInstance(String id) {
        return east.createDBInstance(b -> b.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                .masterUsername("crossfade").masterUserPassword("not-a-secret-1").allocatedStorage(20)).dbInstance();
    }

    private static DBInstance describe(RdsClient client, String id) {
        return client.describeDBInstances(b -> b.dbInstanceIdentifier(id)).dbInstances().getFirst();
    }
}
