package dev.crossfade.infra;

import dev.crossfade.topology.Topology;
import java.util.Set;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.RemovalPolicy;
import software.constructs.IConstruct;

/**
 * {@code removalPolicy: destroy} (README, topology table; docs/infra.md "Destroy and deploy
 * again"): an aspect that makes every resource of the app deletable by {@code cdk destroy}, so the
 * same topology can be deployed again under the same fixed names. Resources that CloudFormation
 * would retain or snapshot (databases, buckets, tables, keys, log groups) get {@code Delete}, and
 * RDS deletion protection goes off (DynamoDB's is set by {@link dev.crossfade.infra.data.GlobalTables}).
 * Under the default {@code retain}, nothing changes.
 */
public final class Removal implements IAspect {

    private static final Set<String> DATABASES = Set.of("AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::RDS::GlobalCluster");

    private Removal() {}

    /** Adds the aspect to {@code scope} when the topology says {@code destroy}. */
    public static void apply(software.constructs.Construct scope, Topology topology) {
        if (topology.removalPolicy() == Topology.RemovalPolicy.DESTROY) {
            software.amazon.awscdk.Aspects.of(scope).add(new Removal());
        }
    }

    @Override
    public void visit(IConstruct node) {
        if (!(node instanceof CfnResource resource)) {
            return;
        }
        CfnDeletionPolicy policy = resource.getCfnOptions().getDeletionPolicy();
        boolean database = DATABASES.contains(resource.getCfnResourceType());
        if (database || policy == CfnDeletionPolicy.RETAIN || policy == CfnDeletionPolicy.SNAPSHOT
                || policy == CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE) {
            resource.applyRemovalPolicy(RemovalPolicy.DESTROY);
        }
        if (database) {
            resource.addPropertyOverride("DeletionProtection", false);
        }
    }
}
