package dev.crossfade.infra.data;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
import dev.crossfade.topology.Topology.DynamoTable;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.Billing;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ReplicaTableProps;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.TableEncryptionV2;
import software.amazon.awscdk.services.dynamodb.TablePropsV2;
import software.amazon.awscdk.services.dynamodb.TableV2;
import software.constructs.Construct;

/**
 * One DynamoDB global table per {@code replication.dynamodbTables} entry, created in the stack
 * of the primary region with a replica in every other enabled region. Each replica is encrypted
 * with a customer-managed key of its own region, named by alias ARN (a {@link DataKey} in that
 * region's stack, which must therefore be deployed first).
 */
public final class GlobalTables extends Construct {

    private final Map<String, TableV2> tables = new LinkedHashMap<>();

    public GlobalTables(Construct scope, String id, Props props) {
        super(scope, id);
        DataKey tableKey = new DataKey(this, "Key", DataKey.Props.builder()
                .aliasName(props.keyAlias()).description("DynamoDB global tables, primary region").build());
        for (String region : props.replicaRegions()) {
            if (!props.replicaKeyArns().containsKey(region)) {
                throw new IllegalArgumentException("no KMS key ARN given for DynamoDB replica region '" + region
                        + "': every replica needs a key of its own region");
            }
        }
        List<ReplicaTableProps> replicas = props.replicaRegions().stream()
                .map(r -> ReplicaTableProps.builder().region(r).build()).toList();
        for (DynamoTable spec : props.tables()) {
            TablePropsV2.Builder table = TablePropsV2.builder()
                    .tableName(props.prefix() + "-" + spec.name())
                    .partitionKey(Attribute.builder().name(spec.partitionKey()).type(AttributeType.STRING).build())
                    .billing(Billing.onDemand())
                    .dynamoStream(StreamViewType.NEW_AND_OLD_IMAGES)
                    .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                            .pointInTimeRecoveryEnabled(true).build())
                    .encryption(TableEncryptionV2.customerManagedKey(tableKey.key(), props.replicaKeyArns()))
                    .deletionProtection(props.deletionProtection())
                    .removalPolicy(RemovalPolicy.RETAIN)
                    .replicas(replicas);
            spec.sortKey().ifPresent(k -> table.sortKey(Attribute.builder().name(k).type(AttributeType.STRING).build()));
            spec.ttlAttribute().ifPresent(table::timeToLiveAttribute);
            tables.put(spec.name(), new TableV2(this, "Table-" + spec.name(), table.build()));
        }
    }

    /** The global tables by topology name. */
    public Map<String, TableV2> tables() {
        return Ordered.copyOf(tables);
    }

    /**
     * @param replicaKeyArns     region -> key (or alias) ARN, for every replica region
     * @param deletionProtection off only with {@code removalPolicy: destroy} (the removal policy itself is
     *                           {@link dev.crossfade.infra.Removal}'s)
     */
    @PropsBuilder
    public record Props(String prefix, List<DynamoTable> tables, List<String> replicaRegions,
                        Map<String, String> replicaKeyArns, String keyAlias,
                        @RecordBuilder.Initializer("DEFAULT_DELETION_PROTECTION") boolean deletionProtection) {

        public static final boolean DEFAULT_DELETION_PROTECTION = true;

        public Props {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(keyAlias, "keyAlias");
            tables = List.copyOf(tables);
            replicaRegions = List.copyOf(replicaRegions);
            replicaKeyArns = Ordered.copyOf(replicaKeyArns);
        }

        public static GlobalTablesPropsBuilder builder() {
            return GlobalTablesPropsBuilder.builder();
        }
    }
}
