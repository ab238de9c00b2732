package dev.crossfade.infra.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class RdsPostgresTest {

    @Test
    void seedPrimary_shouldBeEncryptedMultiAzWithBackupsAndStorageAutoscaling() {
        Template primary = TestApps.seed().regional("us-east-1");

        primary.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceIdentifier", "shop-prod-us-east-1-db",
                "Engine", "postgres",
                "EngineVersion", "16.13",
                "DBInstanceClass", "db.r5.large",
                "MultiAZ", true,
                "AllocatedStorage", "100",
                "MaxAllocatedStorage", 500,
                "BackupRetentionPeriod", 14,
                "StorageEncrypted", true,
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("DatabaseKey.*")))))));
        primary.hasResourceProperties("AWS::KMS::Alias", Map.of("AliasName", "alias/shop-prod-rds"));
        primary.resourceCountIs("AWS::SecretsManager::Secret", 1);
        primary.hasOutput("*", Map.of("Value", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                Match.arrayWith(List.of("arn:aws:rds:us-east-1:123456789012:db:"))))))));
    }

    @Test
    void seedSecondary_shouldBeCrossRegionReplicaOfPrimaryArnWithOwnRegionKey() {
        Template replica = TestApps.seed().regional("eu-west-1");

        replica.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                "DBInstanceIdentifier", "shop-prod-eu-west-1-db",
                "SourceDBInstanceIdentifier", "arn:aws:rds:us-east-1:123456789012:db:shop-prod-us-east-1-db",
                "SourceRegion", "us-east-1",
                "MultiAZ", true,
                "KmsKeyId", Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp("ReplicaKey.*"))))),
                "DBSubnetGroupName", Match.objectLike(Map.of("Ref", Match.stringLikeRegexp("ReplicaSubnets.*"))),
                "VPCSecurityGroups", Match.anyValue()));
        replica.resourceCountIs("AWS::RDS::DBSubnetGroup", 1);
        // the database's own key; the stack's other key is the notifications topic's (docs/operations.md)
        assertEquals(1, replica.findResources("AWS::KMS::Key").keySet().stream().filter(id -> !id.startsWith("Notifications")).count());
        replica.resourceCountIs("AWS::SecretsManager::Secret", 0);
        replica.hasResourceProperties("AWS::RDS::DBInstance", Match.not(Match.objectLike(Map.of("MasterUserPassword", Match.anyValue()))));
    }

    @Test
    void threeRegions_shouldHaveOneReplicaPerSecondaryRegionNamingThePrimary() {
        for (String region : List.of("eu-west-1", "us-west-2")) {
            Template t = TestApps.threeRegions().regional(region);
            t.resourceCountIs("AWS::RDS::DBInstance", 1);
            t.hasResourceProperties("AWS::RDS::DBInstance", Map.of(
                    "SourceDBInstanceIdentifier", "arn:aws:rds:us-east-1:123456789012:db:shop-stage-us-east-1-db",
                    "MultiAZ", !region.equals("eu-west-1")));
        }
        TestApps.threeRegions().regional("us-east-1").hasResourceProperties("AWS::RDS::DBInstance",
                Map.of("BackupRetentionPeriod", 7, "MultiAZ", true));
    }

    @Test
    void replicaSourceGivenByIdentifier_shouldBeRefusedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> newReplica("shop-prod-us-east-1-db"));

        assertTrue(e.getMessage().contains("shop-prod-us-east-1-db"), e.getMessage());
    }

    private static RdsReadReplica newReplica(String source) {
        var app = new software.amazon.awscdk.App();
        var stack = new software.amazon.awscdk.Stack(app, "T", software.amazon.awscdk.StackProps.builder()
                .env(software.amazon.awscdk.Environment.builder().account(TestApp.ACCOUNT).region("eu-west-1").build()).build());
        var vpc = software.amazon.awscdk.services.ec2.Vpc.Builder.create(stack, "Vpc").maxAzs(2).build();
        var sg = software.amazon.awscdk.services.ec2.SecurityGroup.Builder.create(stack, "Sg").vpc(vpc).build();
        return new RdsReadReplica(stack, "R", RdsReadReplica.Props.builder().vpc(vpc).securityGroup(sg)
                .instanceIdentifier("x").sourceDbInstanceArn(source).sourceRegion("us-east-1")
                .keyAlias("alias/x").instanceClass("db.r5.large").build());
    }

    @Test
    void dbNames_shouldBeDeterministic() {
        assertEquals("arn:aws:rds:us-east-1:1:db:p-e-us-east-1-db",
                DataNames.dbInstanceArn("aws", "us-east-1", "1", DataNames.dbInstanceIdentifier("p-e", "us-east-1")));
    }
}
