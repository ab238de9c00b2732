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

class S3ReplicationTest {

    @Test
    void seedPrimaryBucket_shouldBeVersionedEncryptedPrivateAndReplicateToStandbyWithItsKey() {
        Template primary = TestApps.seed().storage("us-east-1");

        primary.hasResourceProperties("AWS::S3::Bucket", Map.of(
                "BucketName", "shop-prod-assets-us-east-1-123456789012",
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "BucketEncryption", Match.objectLike(Map.of("ServerSideEncryptionConfiguration", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms")))))))),
                "ReplicationConfiguration", Map.of(
                        "Role", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsReplicationRole.*"), "Arn")),
                        "Rules", List.of(Match.objectLike(Map.of(
                                "Status", "Enabled",
                                "Destination", Map.of(
                                        "Bucket", "arn:aws:s3:::shop-prod-assets-eu-west-1-123456789012",
                                        "EncryptionConfiguration", Map.of("ReplicaKmsKeyID",
                                                "arn:aws:kms:eu-west-1:123456789012:alias/shop-prod-s3")),
                                "SourceSelectionCriteria", Map.of("SseKmsEncryptedObjects", Map.of("Status", "Enabled"))))))));
        primary.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                Match.arrayWith(List.of(Match.objectLike(Map.of("Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))), "Version", "2012-10-17")));
    }

    @Test
    void seedReplicationRole_shouldHoldOnlyTheSeedsReplicationActions() {
        Template primary = TestApps.seed().storage("us-east-1");

        primary.hasResourceProperties("AWS::IAM::Role", Map.of("AssumeRolePolicyDocument", Match.objectLike(Map.of(
                "Statement", List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "s3.amazonaws.com"))))))));
        primary.hasResourceProperties("AWS::IAM::Policy", Map.of("PolicyDocument", Map.of("Version", "2012-10-17",
                "Statement", List.of(
                        Match.objectLike(Map.of("Action", List.of("s3:GetReplicationConfiguration", "s3:ListBucket"),
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsBucketassets.*"), "Arn")))),
                        // @aws-cdk/aws-iam:minimizePolicies sorts the actions of a statement
                        Match.objectLike(Map.of("Action", List.of("s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionForReplication", "s3:GetObjectVersionTagging"))),
                        Match.objectLike(Map.of("Action", List.of("s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"),
                                "Resource", "arn:aws:s3:::shop-prod-assets-eu-west-1-123456789012/*")),
                        Match.objectLike(Map.of("Action", "kms:Decrypt",
                                "Resource", Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp("BucketsKey.*"), "Arn")))),
                        Match.objectLike(Map.of("Action", "kms:Encrypt",
                                "Resource", "arn:aws:kms:eu-west-1:123456789012:key/*",
                                "Condition", Map.of("ForAnyValue:StringEquals",
                                        Map.of("kms:ResourceAliases", "alias/shop-prod-s3"))))))));
    }

    @Test
    void activePassiveStandby_shouldHaveBucketsButNoReplication() {
        Template standby = TestApps.seed().storage("eu-west-1");

        standby.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "shop-prod-assets-eu-west-1-123456789012",
                "VersioningConfiguration", Map.of("Status", "Enabled"), "ReplicationConfiguration", Match.absent()));
        standby.resourceCountIs("AWS::IAM::Role", 0);
        standby.hasResourceProperties("AWS::S3::Bucket", Map.of("BucketName", "shop-prod-assets-eu-west-1-123456789012",
                "LoggingConfiguration", Map.of("DestinationBucketName", Map.of("Ref", Match.stringLikeRegexp("BucketsAccessLogs.*")),
                        "LogFilePrefix", "assets/")));
    }

    @Test
    void activeActive_shouldReplicateBothWays() {
        TestApps.activeActive().storage("us-east-1").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "ReplicationConfiguration", Match.objectLike(Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "Destination", Match.objectLike(Map.of("Bucket", "arn:aws:s3:::shop-prod-assets-ap-south-1-123456789012")))))))));
        TestApps.activeActive().storage("ap-south-1").hasResourceProperties("AWS::S3::Bucket", Map.of(
                "ReplicationConfiguration", Match.objectLike(Map.of("Rules", List.of(Match.objectLike(Map.of(
                        "Destination", Match.objectLike(Map.of("Bucket", "arn:aws:s3:::shop-prod-assets-us-east-1-123456789012")))))))));
    }

    @Test
    void bucketNameAbove63Characters_shouldBeRefusedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DataNames.bucketName("a-very-long-project-name-prod", "customer-uploads", "ap-southeast-2", "123456789012"));

        assertTrue(e.getMessage().contains("customer-uploads"), e.getMessage());
        assertEquals(63, DataNames.bucketName("p".repeat(31) + "-e", "b", "ap-southeast-2", "123456789012").length());
    }
}
