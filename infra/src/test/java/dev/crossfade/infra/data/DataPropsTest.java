package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.ec2.SubnetType;

/** The generated Props builders keep the defaults, and a Props made without a builder is checked the same way. */
class DataPropsTest {

    @Test
    void builders_shouldFillTheDefaults() {
        ReplicatedBuckets.Props buckets = ReplicatedBuckets.Props.builder().prefix("shop").region("eu-west-1")
                .account("123456789012").build();
        assertEquals("aws", buckets.partition());
        assertEquals(List.of(), buckets.buckets());
        assertEquals(List.of(), buckets.destinationRegions());

        GlobalTables.Props tables = GlobalTables.Props.builder().prefix("shop").keyAlias("alias/shop").build();
        assertTrue(tables.deletionProtection());
        assertEquals(Map.of(), tables.replicaKeyArns());

        assertEquals("Crossfade data key", DataKey.Props.builder().aliasName("alias/shop").build().description());

        AuroraCluster.Props aurora = AuroraCluster.Props.builder().clusterIdentifier("c").globalClusterIdentifier("g")
                .keyAlias("k").engineVersion("16.4").instanceClass("db.r6g.large").build();
        assertEquals(AuroraCluster.Role.PRIMARY, aurora.role());
        assertEquals(SubnetType.PRIVATE_WITH_EGRESS, aurora.subnetType());
        assertEquals(2, aurora.instanceCount());
        assertEquals(14, aurora.backupRetentionDays());

        RdsPrimary.Props primary = RdsPrimary.Props.builder().instanceIdentifier("db").keyAlias("k")
                .engineVersion("16.4").instanceClass("db.m6g.large").build();
        assertEquals(SubnetType.PRIVATE_WITH_EGRESS, primary.subnetType());
        assertTrue(primary.multiAz());
        assertEquals(100, primary.allocatedStorage());
        assertEquals(500, primary.maxAllocatedStorage());
        assertEquals(14, primary.backupRetentionDays());

        RdsReadReplica.Props replica = RdsReadReplica.Props.builder().instanceIdentifier("db").sourceDbInstanceArn("arn")
                .sourceRegion("us-east-1").keyAlias("k").instanceClass("db.m6g.large").build();
        assertEquals(SubnetType.PRIVATE_WITH_EGRESS, replica.subnetType());
        assertTrue(replica.multiAz());
        assertEquals(500, replica.maxAllocatedStorage());
    }

    @Test
    void propsMadeDirectly_shouldBeCheckedLikeBuiltOnes() {
        var account = assertThrows(NullPointerException.class,
                () -> new ReplicatedBuckets.Props("shop", "eu-west-1", null, "aws", List.of(), List.of()));
        assertEquals("account (S3 bucket names include it)", account.getMessage());
        var keyAlias = assertThrows(NullPointerException.class,
                () -> new GlobalTables.Props("shop", List.of(), List.of(), Map.of(), null, true));
        assertEquals("keyAlias", keyAlias.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> new AuroraCluster.Props(AuroraCluster.Role.PRIMARY,
                null, null, SubnetType.PRIVATE_WITH_EGRESS, "c", "g", "k", "16.4", "db.r6g.large", 0, 14));
        assertEquals("instanceCount must be >= 1, found 0", count.getMessage());
    }
}
