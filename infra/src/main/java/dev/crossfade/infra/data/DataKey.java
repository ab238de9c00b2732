package dev.crossfade.infra.data;

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

    public record Props(String aliasName, String description) {

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String aliasName;
            private String description = "Crossfade data key";

            public Builder aliasName(String aliasName) { this.aliasName = aliasName; return this; }

            public Builder description(String description) { this.description = description; return this; }

            public Props build() { return new Props(aliasName, description); }
        }
    }
}
