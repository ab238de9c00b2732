package dev.crossfade.infra;

import dev.crossfade.infra.data.DataKey;
import dev.crossfade.infra.data.DataNames;
import dev.crossfade.infra.data.GlobalTables;
import dev.crossfade.infra.data.ReplicatedBuckets;
import dev.crossfade.infra.data.ReplicationPlan;
import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.constructs.Construct;

/**
 * The replicated storage of one region, {@code <project>-<environment>-<region>-storage}: the
 * S3 buckets of {@code replication.s3Buckets} with their replication rules, and the DynamoDB
 * global tables, owned by the primary region's storage stack, whose replicas need the other
 * regions' keys (a {@link DataKey} in each non-primary storage stack). Needs nothing of the
 * regional stack, so it deploys independently of it.
 */
public final class StorageStack extends CrossfadeStack {

    private final ReplicatedBuckets buckets;

    public StorageStack(Construct scope, Props props) {
        super(scope, nameFor(props.topology(), props.region()), props.topology(), props.region().name(), props.account(),
                "Crossfade replicated storage for " + props.topology().name() + " in " + props.region().name());
        Topology t = props.topology();
        String prefix = t.name();
        String region = props.region().name();
        ReplicationPlan plan = new ReplicationPlan(t);
        buckets = new ReplicatedBuckets(this, "Buckets", ReplicatedBuckets.Props.builder()
                .prefix(prefix).region(region).account(props.account())
                .buckets(t.replication().s3Buckets())
                .destinationRegions(props.phase().s3Destinations(plan, props.region()))
                .build());
        if (t.replication().dynamodbTables().isEmpty()) {
            return;
        }
        String keyAlias = DataNames.keyAlias(prefix, "dynamodb");
        if (props.region().primary()) {
            List<String> replicas = plan.dynamoReplicaRegions();
            new GlobalTables(this, "Tables", GlobalTables.Props.builder()
                    .prefix(prefix).tables(t.replication().dynamodbTables())
                    .deletionProtection(t.removalPolicy() == Topology.RemovalPolicy.RETAIN)
                    .replicaRegions(replicas)
                    .replicaKeyArns(replicas.stream().collect(Collectors.toMap(Function.identity(),
                            r -> DataNames.keyAliasArn("aws", r, props.account(), keyAlias))))
                    .keyAlias(keyAlias).build());
        } else {
            new DataKey(this, "DynamoKey", DataKey.Props.builder().aliasName(keyAlias)
                    .description("Key of the " + region + " replicas of " + prefix + "'s DynamoDB global tables").build());
        }
    }

    public static String nameFor(Topology topology, Topology.Region region) {
        return topology.name() + "-" + region.name() + "-storage";
    }

    public ReplicatedBuckets buckets() {
        return buckets;
    }

    public record Props(Topology topology, Topology.Region region, String account, ReplicationPhase phase) {

        public Props {
            Objects.requireNonNull(topology, "topology");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(account, "account");
            phase = Objects.requireNonNullElse(phase, ReplicationPhase.FULL);
        }
    }
}
