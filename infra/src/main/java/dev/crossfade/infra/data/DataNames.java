package dev.crossfade.infra.data;

import java.util.Locale;

/**
 * Deterministic names for data resources. Stacks in other regions refer to these names
 * instead of to tokens, so no cross-region reference is needed for them.
 */
public final class DataNames {

    private static final int MAX_BUCKET_NAME = 63;

    private DataNames() {}

    /** RDS instance identifier of the database in {@code region}, e.g. {@code shop-prod-us-east-1-db}. */
    public static String dbInstanceIdentifier(String prefix, String region) {
        return (prefix + "-" + region + "-db").toLowerCase(Locale.ROOT);
    }

    /**
     * The custom DB parameter group of the instance in {@code region}: the failover workflow fences a
     * primary by setting {@code default_transaction_read_only} in it (a default group cannot be modified).
     */
    /** The DB subnet group of a region's rds-postgres instance: the failback rebuilds a replica into it by name. */
    public static String dbSubnetGroupName(String prefix, String region) {
        return (prefix + "-" + region + "-db-subnets").toLowerCase(Locale.ROOT);
    }

    public static String dbParameterGroupName(String prefix, String region) {
        return (prefix + "-" + region + "-pg").toLowerCase(Locale.ROOT);
    }

    /** ARN of an RDS instance, built from its identifier so that replicas need no token. */
    public static String dbInstanceArn(String partition, String region, String account, String identifier) {
        return "arn:" + partition + ":rds:" + region + ":" + account + ":db:" + identifier;
    }

    /** Aurora cluster identifier in {@code region}. */
    public static String dbClusterIdentifier(String prefix, String region) {
        return (prefix + "-" + region + "-cluster").toLowerCase(Locale.ROOT);
    }

    /** The Aurora global cluster identifier, shared by every region. */
    public static String globalClusterIdentifier(String prefix) {
        return (prefix + "-global").toLowerCase(Locale.ROOT);
    }

    /**
     * {@code <project>-<environment>-<bucket>-<region>-<account>}, lowercase.
     *
     * @throws IllegalArgumentException when the name would exceed S3's 63 characters
     */
    public static String bucketName(String prefix, String bucket, String region, String account) {
        String name = (prefix + "-" + bucket + "-" + region + "-" + account).toLowerCase(Locale.ROOT);
        if (name.length() > MAX_BUCKET_NAME) {
            throw new IllegalArgumentException("S3 bucket name '" + name + "' is " + name.length()
                    + " characters, above S3's limit of 63: shorten project, environment or replication.s3Buckets entry '"
                    + bucket + "'");
        }
        return name;
    }

    /** KMS alias name of the data key for {@code purpose} (e.g. {@code dynamodb}, {@code s3}). */
    public static String keyAlias(String prefix, String purpose) {
        return ("alias/" + prefix + "-" + purpose).toLowerCase(Locale.ROOT);
    }

    /** ARN of a KMS alias; DynamoDB replicas and S3 replication accept alias ARNs for their key. */
    public static String keyAliasArn(String partition, String region, String account, String aliasName) {
        return "arn:" + partition + ":kms:" + region + ":" + account + ":" + aliasName;
    }
}
