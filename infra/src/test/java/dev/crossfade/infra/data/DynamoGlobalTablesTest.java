package dev.crossfade.infra.data;

import dev.crossfade.infra.data.testutils.TestApp;
import dev.crossfade.infra.data.testutils.TestApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class DynamoGlobalTablesTest {

    @Test
    void seedTable_shouldReplicateToEveryRegionWithTtlStreamsPitrAndRegionalKeys() {
        Template primary = TestApps.seed().storage("us-east-1");

        primary.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
        primary.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "TableName", "shop-prod-sessions",
                "KeySchema", List.of(Map.of("AttributeName", "session_id", "KeyType", "HASH")),
                "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true),
                "StreamSpecification", Map.of("StreamViewType", "NEW_AND_OLD_IMAGES"),
                "SSESpecification", Map.of("SSEEnabled", true, "SSEType", "KMS"),
                "Replicas", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Region", "eu-west-1",
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                "SSESpecification", Map.of("KMSMasterKeyId",
                                        "arn:aws:kms:eu-west-1:123456789012:alias/shop-prod-dynamodb"))),
                        Match.objectLike(Map.of("Region", "us-east-1",
                                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                                "SSESpecification", Map.of("KMSMasterKeyId",
                                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("TablesKey.*"), "Arn")))))))));
        TestApps.seed().storage("eu-west-1").hasResourceProperties("AWS::KMS::Alias",
                Map.of("AliasName", "alias/shop-prod-dynamodb"));
    }

    @Test
    void threeRegions_shouldCreateOneTablePerEntryWithReplicaInEachEnabledRegion() {
        Template primary = TestApps.threeRegions().storage("us-east-1");

        primary.resourceCountIs("AWS::DynamoDB::GlobalTable", 2);
        primary.hasResourceProperties("AWS::DynamoDB::GlobalTable", Map.of(
                "TableName", "shop-stage-carts",
                "KeySchema", List.of(Map.of("AttributeName", "cart_id", "KeyType", "HASH"),
                        Map.of("AttributeName", "item_id", "KeyType", "RANGE")),
                "TimeToLiveSpecification", Match.absent(),
                "Replicas", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Region", "eu-west-1")),
                        Match.objectLike(Map.of("Region", "us-west-2")),
                        Match.objectLike(Map.of("Region", "us-east-1"))))));
    }
}
