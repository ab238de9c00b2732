package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseInstanceEngine;
import software.amazon.awscdk.services.rds.IInstanceEngine;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.PostgresEngineVersion;
import software.amazon.awscdk.services.rds.SubnetGroup;
import software.amazon.awscdk.services.rds.PostgresInstanceEngineProps;
import software.constructs.Construct;

/**
 * The RDS PostgreSQL primary of the primary region: encrypted with a key of its own region,
 * multi-AZ as the topology says, automated backups (which cross-region read replicas need) and
 * storage autoscaling. The master password is generated into Secrets Manager; the template holds
 * only a dynamic reference to it.
 */
public final class RdsPrimary extends Construct {

    static final String MASTER_USERNAME = "crossfade";

    private final DatabaseInstance instance;
    private final DataKey key;

    public RdsPrimary(Construct scope, String id, Props props) {
        super(scope, id);
        if (props.backupRetentionDays() < 1) {
            throw new IllegalArgumentException("database.backupRetentionDays must be >= 1 for a primary with "
                    + "cross-region read replicas, found " + props.backupRetentionDays());
        }
        Objects.requireNonNull(props.vpc(), "vpc");
        Objects.requireNonNull(props.securityGroup(), "securityGroup");
        this.key = new DataKey(this, "Key", DataKey.Props.builder()
                .aliasName(props.keyAlias()).description("RDS primary " + props.instanceIdentifier()).build());
        String major = props.engineVersion().split("\\.")[0];
        IInstanceEngine engine = DatabaseInstanceEngine.postgres(PostgresInstanceEngineProps.builder()
                .version(PostgresEngineVersion.of(props.engineVersion(), major)).build());
        this.instance = DatabaseInstance.Builder.create(this, "Instance")
                .instanceIdentifier(props.instanceIdentifier())
                .engine(engine)
                .instanceType(new InstanceType(props.instanceClass().replaceFirst("^db\\.", "")))
                .vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(props.subnetType()).build())
                .subnetGroup(props.subnetGroupName() == null ? null : SubnetGroup.Builder.create(this, "Subnets")
                        .subnetGroupName(props.subnetGroupName()).vpc(props.vpc())
                        .vpcSubnets(SubnetSelection.builder().subnetType(props.subnetType()).build())
                        .description("Subnets of " + props.instanceIdentifier() + " (and of a replica the failback rebuilds here)")
                        .build())
                .securityGroups(List.of(props.securityGroup()))
                .credentials(Credentials.fromGeneratedSecret(MASTER_USERNAME))
                .parameterGroup(props.parameterGroupName() == null ? null : ParameterGroup.Builder.create(this, "Parameters")
                        .name(props.parameterGroupName())
                        .description("Parameters of " + props.instanceIdentifier() + " (the failover workflow fences writes here)")
                        .engine(engine).build())
                .multiAz(props.multiAz())
                .allocatedStorage(props.allocatedStorage())
                .maxAllocatedStorage(props.maxAllocatedStorage())
                .storageEncrypted(true)
                .storageEncryptionKey(key.key())
                .backupRetention(Duration.days(props.backupRetentionDays()))
                .deletionProtection(true)
                .publiclyAccessible(false)
                .iamAuthentication(true)
                .removalPolicy(RemovalPolicy.SNAPSHOT)
                .build();
        NagReasons.suppress(instance, "AwsSolutions-RDS11", NagReasons.DEFAULT_PORT);
        NagReasons.suppress(instance, "AwsSolutions-SMG4", NagReasons.SECRET_ROTATION);
        if (!props.multiAz()) {
            NagReasons.suppress(instance, "AwsSolutions-RDS3", NagReasons.SINGLE_AZ);
        }
        CfnOutput.Builder.create(this, "PrimaryArn").value(instance.getInstanceArn())
                .description("ARN of the RDS primary (source of the cross-region read replicas)").build();
    }

    public DatabaseInstance instance() {
        return instance;
    }

    public IKey key() {
        return key.key();
    }

    /**
     * @param parameterGroupName a custom parameter group of this name (null: the engine's default group, which cannot
     *                           be modified)
     * @param subnetGroupName    a DB subnet group of this fixed name (null: one named by CloudFormation)
     */
    @PropsBuilder
    public record Props(IVpc vpc, ISecurityGroup securityGroup,
                        @RecordBuilder.Initializer("DEFAULT_SUBNET_TYPE") SubnetType subnetType,
                        String instanceIdentifier, String keyAlias, String engineVersion, String instanceClass,
                        @RecordBuilder.Initializer("DEFAULT_MULTI_AZ") boolean multiAz,
                        @RecordBuilder.Initializer("DEFAULT_ALLOCATED_STORAGE") int allocatedStorage,
                        @RecordBuilder.Initializer("DEFAULT_MAX_ALLOCATED_STORAGE") int maxAllocatedStorage,
                        @RecordBuilder.Initializer("DEFAULT_BACKUP_RETENTION_DAYS") int backupRetentionDays,
                        String parameterGroupName, String subnetGroupName) {

        public static final SubnetType DEFAULT_SUBNET_TYPE = SubnetType.PRIVATE_WITH_EGRESS;
        public static final boolean DEFAULT_MULTI_AZ = true;
        public static final int DEFAULT_ALLOCATED_STORAGE = 100;
        public static final int DEFAULT_MAX_ALLOCATED_STORAGE = 500;
        public static final int DEFAULT_BACKUP_RETENTION_DAYS = 14;

        public Props {
            Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
            Objects.requireNonNull(keyAlias, "keyAlias");
            Objects.requireNonNull(engineVersion, "engineVersion");
            Objects.requireNonNull(instanceClass, "instanceClass");
        }

        public static RdsPrimaryPropsBuilder builder() {
            return RdsPrimaryPropsBuilder.builder();
        }
    }
}
