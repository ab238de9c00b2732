package dev.crossfade.infra.data;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CfnBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The buckets of one region (one per {@code replication.s3Buckets} entry), each versioned,
 * KMS-encrypted with this region's S3 {@link DataKey}, private and TLS-only; and, when
 * {@code destinationRegions} is not empty, replication of every object to the same-named bucket
 * of each destination region, re-encrypted there with that region's key.
 *
 * <p>Destinations are named by deterministic bucket names and key alias ARNs, never tokens; so
 * the destination regions' stacks must be deployed before this one (see docs/data.md).
 */
public final class ReplicatedBuckets extends Construct {

    static final List<String> SOURCE_BUCKET_ACTIONS = List.of("s3:GetReplicationConfiguration", "s3:ListBucket");
    static final List<String> SOURCE_OBJECT_ACTIONS = List.of("s3:GetObjectVersionForReplication",
            "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging");
    static final List<String> DESTINATION_OBJECT_ACTIONS = List.of("s3:ReplicateObject", "s3:ReplicateDelete",
            "s3:ReplicateTags");

    static final int ACCESS_LOG_DAYS = 365;

    private final DataKey key;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>();
    private Role replicationRole;

    public ReplicatedBuckets(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.destinationRegions().contains(props.region())) {
            throw new IllegalArgumentException("S3 replication destinations must be other regions than the source '"
                    + props.region() + "'");
        }
        this.key = new DataKey(this, "Key", DataKey.Props.builder()
                .aliasName(DataNames.keyAlias(props.prefix(), "s3")).description("S3 buckets of " + props.region()).build());
        Bucket accessLogs = props.buckets().isEmpty() ? null : accessLogBucket(props);
        for (String logical : props.buckets()) {
            Bucket bucket = Bucket.Builder.create(this, "Bucket-" + logical)
                    .bucketName(DataNames.bucketName(props.prefix(), logical, props.region(), props.account()))
                    .versioned(true)
                    .encryption(BucketEncryption.KMS)
                    .encryptionKey(key.key())
                    .bucketKeyEnabled(true)
                    .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                    .enforceSsl(true)
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .build();
            // Set on the L1 so that delivery is granted by bucket policy, not by the legacy log-delivery ACL.
            ((CfnBucket) bucket.getNode().getDefaultChild()).setLoggingConfiguration(
                    CfnBucket.LoggingConfigurationProperty.builder()
                            .destinationBucketName(accessLogs.getBucketName()).logFilePrefix(logical + "/").build());
            buckets.put(logical, bucket);
        }
        if (!props.destinationRegions().isEmpty() && !buckets.isEmpty()) {
            replicate(props);
        }
    }

    /** Server access logs cannot go to an SSE-KMS bucket, hence SSE-S3 here. */
    private Bucket accessLogBucket(Props props) {
        Bucket logs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(ACCESS_LOG_DAYS)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        List<String> sources = props.buckets().stream().map(b -> "arn:" + props.partition() + ":s3:::"
                + DataNames.bucketName(props.prefix(), b, props.region(), props.account())).toList();
        Map<String, Object> conditions = new TreeMap<>();
        conditions.put("ArnLike", Map.of("aws:SourceArn", sources));
        conditions.put("StringEquals", Map.of("aws:SourceAccount", props.account()));
        logs.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(new ServicePrincipal("logging.s3.amazonaws.com")))
                .actions(List.of("s3:PutObject"))
                .resources(List.of(logs.arnForObjects("*")))
                .conditions(conditions)
                .build());
        NagReasons.suppress(logs, "AwsSolutions-S1", NagReasons.LOG_BUCKET);
        return logs;
    }

    private void replicate(Props props) {
        replicationRole = Role.Builder.create(this, "ReplicationRole")
                .assumedBy(new ServicePrincipal("s3.amazonaws.com"))
                .description("S3 cross-region replication out of " + props.region())
                .build();
        for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
            Bucket source = e.getValue();
            replicationRole.addToPolicy(allow(SOURCE_BUCKET_ACTIONS, List.of(source.getBucketArn())));
            replicationRole.addToPolicy(allow(SOURCE_OBJECT_ACTIONS, List.of(source.arnForObjects("*"))));
            List<String> destinationObjects = props.destinationRegions().stream()
                    .map(r -> "arn:" + props.partition() + ":s3:::"
                            + DataNames.bucketName(props.prefix(), e.getKey(), r, props.account()) + "/*")
                    .toList();
            replicationRole.addToPolicy(allow(DESTINATION_OBJECT_ACTIONS, destinationObjects));
            rules(props, e.getKey(), source);
        }
        replicationRole.addToPolicy(allow(List.of("kms:Decrypt"), List.of(key.key().getKeyArn())));
        // The destination keys are named by alias, which IAM cannot match in Resource; the key ARN
        // pattern of their region plus the alias condition selects exactly those keys.
        List<String> destinationKeys = props.destinationRegions().stream()
                .map(r -> "arn:" + props.partition() + ":kms:" + r + ":" + props.account() + ":key/*").toList();
        replicationRole.addToPolicy(PolicyStatement.Builder.create()
                .effect(Effect.ALLOW)
                .actions(List.of("kms:Encrypt"))
                .resources(destinationKeys)
                .conditions(Map.of("ForAnyValue:StringEquals",
                        Map.of("kms:ResourceAliases", DataNames.keyAlias(props.prefix(), "s3"))))
                .build());
        NagReasons.suppress(replicationRole, "AwsSolutions-IAM5", NagReasons.REPLICATION_OBJECTS,
                "/^Resource::(arn:[a-z-]+:s3:::[a-z0-9.-]+|<[A-Za-z0-9]+\\.Arn>)\\/\\*$/");
        NagReasons.suppress(replicationRole, "AwsSolutions-IAM5", NagReasons.REPLICATION_KEYS,
                "/^Resource::arn:[a-z-]+:kms:[a-z0-9-]+:[0-9]+:key\\/\\*$/");
    }

    private void rules(Props props, String logical, Bucket source) {
        List<CfnBucket.ReplicationRuleProperty> rules = new ArrayList<>();
        int priority = 0;
        for (String region : props.destinationRegions()) {
            String destination = DataNames.bucketName(props.prefix(), logical, region, props.account());
            rules.add(CfnBucket.ReplicationRuleProperty.builder()
                    .id("to-" + region)
                    .status("Enabled")
                    .priority(priority++)
                    .filter(CfnBucket.ReplicationRuleFilterProperty.builder().prefix("").build())
                    .deleteMarkerReplication(CfnBucket.DeleteMarkerReplicationProperty.builder().status("Enabled").build())
                    .sourceSelectionCriteria(CfnBucket.SourceSelectionCriteriaProperty.builder()
                            .sseKmsEncryptedObjects(CfnBucket.SseKmsEncryptedObjectsProperty.builder()
                                    .status("Enabled").build())
                            .build())
                    .destination(CfnBucket.ReplicationDestinationProperty.builder()
                            .bucket("arn:" + props.partition() + ":s3:::" + destination)
                            .encryptionConfiguration(CfnBucket.EncryptionConfigurationProperty.builder()
                                    .replicaKmsKeyId(DataNames.keyAliasArn(props.partition(), region, props.account(),
                                            DataNames.keyAlias(props.prefix(), "s3")))
                                    .build())
                            .build())
                    .build());
        }
        CfnBucket cfn = (CfnBucket) source.getNode().getDefaultChild();
        cfn.setReplicationConfiguration(CfnBucket.ReplicationConfigurationProperty.builder()
                .role(replicationRole.getRoleArn())
                .rules(rules)
                .build());
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    /** Buckets by their {@code replication.s3Buckets} name. */
    public Map<String, Bucket> buckets() {
        return Ordered.copyOf(buckets);
    }

    public DataKey key() {
        return key;
    }

    /**
     * @param destinationRegions regions this region's buckets replicate to: for active-passive the
     *                           primary lists every other enabled region and the others none; for
     *                           active-active every region lists every other (see {@link ReplicationPlan})
     */
    @PropsBuilder
    public record Props(String prefix, String region, String account,
                        @RecordBuilder.Initializer("DEFAULT_PARTITION") String partition,
                        List<String> buckets, List<String> destinationRegions) {

        public static final String DEFAULT_PARTITION = "aws";

        public Props {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(account, "account (S3 bucket names include it)");
            buckets = List.copyOf(buckets);
            destinationRegions = List.copyOf(destinationRegions);
        }

        public static ReplicatedBucketsPropsBuilder builder() {
            return ReplicatedBucketsPropsBuilder.builder();
        }
    }
}
