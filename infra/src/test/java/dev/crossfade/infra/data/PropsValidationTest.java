package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestTopologies;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/** Bad inputs are refused when the construct is built, with a message naming the input. */
class PropsValidationTest {

    private static Stack stack() {
        return new Stack(new App(), "T", StackProps.builder()
                .env(Environment.builder().account(TestApp.ACCOUNT).region("us-east-1").build()).build());
    }

    @Test
    void replicaRegionWithoutKey_shouldBeRefusedNamingTheRegion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GlobalTables(stack(), "G",
                GlobalTables.Props.builder().prefix("p-e").keyAlias("alias/p-e-dynamodb")
                        .tables(TestTopologies.seed().replication().dynamodbTables())
                        .replicaRegions(List.of("eu-west-1", "us-west-2"))
                        .replicaKeyArns(Map.of("eu-west-1", "arn:aws:kms:eu-west-1:1:alias/x")).build()));

        assertTrue(e.getMessage().contains("us-west-2"), e.getMessage());
    }

    @Test
    void s3DestinationEqualToSource_shouldBeRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ReplicatedBuckets(stack(), "B",
                ReplicatedBuckets.Props.builder().prefix("p-e").region("us-east-1").account(TestApp.ACCOUNT)
                        .buckets(List.of("assets")).destinationRegions(List.of("us-east-1")).build()));

        assertTrue(e.getMessage().contains("us-east-1"), e.getMessage());
    }

    @Test
    void auroraWithoutInstances_shouldBeRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuroraCluster.Props.builder()
                .clusterIdentifier("c").globalClusterIdentifier("g").keyAlias("alias/k").engineVersion("15.4")
                .instanceClass("db.r5.large").instanceCount(0).build());

        assertTrue(e.getMessage().contains("instanceCount"), e.getMessage());
    }

    @Test
    void rdsPrimaryWithoutBackups_shouldBeRefusedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RdsPrimary(stack(), "D",
                RdsPrimary.Props.builder().vpc(null).instanceIdentifier("d").keyAlias("alias/k").engineVersion("15.4")
                        .instanceClass("db.r5.large").backupRetentionDays(0).build()));

        assertTrue(e.getMessage().contains("backupRetentionDays"), e.getMessage());
    }
}
