package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Objects;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.constructs.Construct;

/**
 * A customer-managed KMS key of one region with a deterministic alias, so that stacks of other
 * regions (a DynamoDB global table, an S3 replication rule) can name it by alias ARN without a
 * cross-region token. Retained on stack deletion: data encrypted under it may outlive the stack.
 */
public final class DataKey extends Construct {

    private final Key key;
    private final String aliasName;

    public DataKey(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props, "props");
        this.aliasName = Objects.requireNonNull(props.aliasName(), "aliasName");
        this.key = Key.Builder.create(this, "Key")
                .description(props.description())
                .enableKeyRotation(true)
                .alias(aliasName)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    public IKey key() {
        return key;
    }

    public String aliasName() {
        return aliasName;
    }

    @PropsBuilder
    public record Props(String aliasName, @RecordBuilder.Initializer("DEFAULT_DESCRIPTION") String description) {

        public static final String DEFAULT_DESCRIPTION = "Crossfade data key";

        public static DataKeyPropsBuilder builder() {
            return DataKeyPropsBuilder.builder();
        }
    }
}
