package dev.crossfade.infra.data;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import dev.crossfade.infra.testutils.SynthesizedApp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AuroraGlobalTest {

    private static SynthesizedApp app;

    @BeforeAll
    static void synth() {
        app = TestApps.activeActive();
    }

    @Test
    void primaryRegion_shouldCreateGlobalClusterAndJoinItWithSecretCredentials() {
        Template primary = app.regional("us-east-1");

        primary.hasResourceProperties("AWS::RDS::GlobalCluster", Map.of(
                "GlobalClusterIdentifier", "shop-prod-global", "Engine", "aurora-postgresql",
                "EngineVersion", "16.13", "StorageEncrypted", true));
        primary.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "DBClusterIdentifier", "shop-prod-us-east-1-cluster",
                "GlobalClusterIdentifier", Map.of("Ref", Match.stringLikeRegexp("AuroraGlobal.*")),
                "MasterUsername", "crossfade",
                "MasterUserPassword", Match.objectLike(Map.of("Fn::Join", Match.arrayWith(List.of(
                        Match.arrayWith(List.of(Match.stringLikeRegexp("\\{\\{resolve:secretsmanager:.*"))))))),
                "StorageEncrypted", true,
                "BackupRetentionPeriod", 14));
        primary.resourceCountIs("AWS::RDS::DBInstance", 2);
        primary.hasOutput("*", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AuroraCluster.*"), "Endpoint.Address"))));
        primary.hasOutput("*", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AuroraCluster.*"), "ReadEndpoint.Address"))));
    }

    @Test
    void secondaryRegion_shouldJoinGlobalClusterByNameWithOwnKeyAndNoCredentials() {
        Template secondary = app.regional("ap-south-1");

        secondary.resourceCountIs("AWS::RDS::GlobalCluster", 0);
        secondary.resourceCountIs("AWS::SecretsManager::Secret", 0);
        secondary.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "DBClusterIdentifier", "shop-prod-ap-south-1-cluster",
                "GlobalClusterIdentifier", "shop-prod-global",
                "KmsKeyId", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AuroraKey.*"), "Arn")),
                "MasterUsername", Match.absent(),
                "MasterUserPassword", Match.absent()));
        secondary.hasOutput("*", Map.of("Value", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("AuroraCluster.*"), "ReadEndpoint.Address"))));
    }
}
