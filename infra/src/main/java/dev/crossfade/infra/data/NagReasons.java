package dev.crossfade.infra.data;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions of the data and global constructs, each with its reason; the same list
 * is in docs/data.md ("cdk-nag decisions"). Kept in one place so that the reasons stay consistent.
 */
public final class NagReasons {

    public static final String DEFAULT_PORT = "PostgreSQL keeps its default port 5432: access is limited by security "
            + "groups, and a non-default port adds no protection while breaking client defaults";
    public static final String SECRET_ROTATION = "Master secret rotation needs a rotation Lambda inside the VPC; not "
            + "part of this construct yet (docs/data.md, open items)";
    public static final String REPLICA_ENCRYPTION = "A cross-region read replica inherits encryption from its source and "
            + "CloudFormation rejects StorageEncrypted next to SourceDBInstanceIdentifier; KmsKeyId names a key of the "
            + "replica's own region";
    public static final String SINGLE_AZ = "The topology sets dbMultiAz: false for this region (operator's choice)";
    public static final String REPLICATION_OBJECTS = "S3 replication reads and writes every object of the replicated "
            + "buckets: the object wildcard is scoped to the named source and destination buckets";
    public static final String REPLICATION_KEYS = "Destination keys are known by alias only; the key wildcard is scoped "
            + "to the destination region and account and narrowed by the kms:ResourceAliases condition";
    public static final String LOG_BUCKET = "This bucket receives logs itself; logging it again would recurse";

    private NagReasons() {}

    public static void suppress(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Suppresses a rule only for findings whose "applies to" matches {@code regex}. */
    public static void suppress(IConstruct construct, String rule, String reason, String regex) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder().id(rule).reason(reason)
                .appliesTo(List.of(RegexAppliesTo.builder().regex(regex).build())).build()), true);
    }
}
