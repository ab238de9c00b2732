package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.rds.CfnDBCluster;
import software.amazon.awscdk.services.rds.CfnDBInstance;
import software.amazon.awscdk.services.rds.CfnDBSubnetGroup;
import software.amazon.awscdk.services.rds.CfnGlobalCluster;
import software.amazon.awscdk.services.rds.DatabaseSecret;
import software.amazon.awscdk.services.secretsmanager.CfnSecretTargetAttachment;
import software.constructs.Construct;

/**
 * One regional cluster of an Aurora PostgreSQL Global Database.
 *
 * <p>The primary ({@link Role#PRIMARY}) also creates the global cluster and the master secret;
 * the secondaries join the global cluster by its deterministic identifier and carry no master
 * credentials (Aurora replicates them). Each cluster is encrypted with a key of its own region.
 * The master password lives in Secrets Manager; the template holds only a dynamic reference.
 */
public final class AuroraCluster extends Construct {

    static final String ENGINE = "aurora-postgresql";

    public enum Role { PRIMARY, SECONDARY }

    private final CfnDBCluster cluster;
    private final DataKey key;
    private final Optional<CfnGlobalCluster> globalCluster;
    private final Optional<DatabaseSecret> secret;

    public AuroraCluster(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props.vpc(), "vpc");
        Objects.requireNonNull(props.securityGroup(), "securityGroup");
        boolean primary = props.role() == Role.PRIMARY;
        this.key = new DataKey(this, "Key", DataKey.Props.builder()
                .aliasName(props.keyAlias()).description("Aurora cluster " + props.clusterIdentifier()).build());
        List<String> subnetIds = props.vpc().selectSubnets(SubnetSelection.builder().subnetType(props.subnetType()).build())
                .getSubnets().stream().map(ISubnet::getSubnetId).toList();
        CfnDBSubnetGroup subnets = CfnDBSubnetGroup.Builder.create(this, "Subnets")
                .dbSubnetGroupDescription("Subnets of Aurora cluster " + props.clusterIdentifier())
                .subnetIds(subnetIds)
                .build();

        CfnDBCluster.Builder builder = CfnDBCluster.Builder.create(this, "Cluster")
                .dbClusterIdentifier(props.clusterIdentifier())
                .engine(ENGINE)
                .engineVersion(props.engineVersion())
                .storageEncrypted(true)
                .kmsKeyId(key.key().getKeyArn())
                .dbSubnetGroupName(subnets.getRef())
                .vpcSecurityGroupIds(List.of(props.securityGroup().getSecurityGroupId()))
                .backupRetentionPeriod(props.backupRetentionDays())
                .copyTagsToSnapshot(true)
                .enableIamDatabaseAuthentication(true)
                .deletionProtection(true);
        if (primary) {
            CfnGlobalCluster global = CfnGlobalCluster.Builder.create(this, "Global")
                    .globalClusterIdentifier(props.globalClusterIdentifier())
                    .engine(ENGINE)
                    .engineVersion(props.engineVersion())
                    .storageEncrypted(true)
                    .deletionProtection(true)
                    .build();
            global.getCfnOptions().setDeletionPolicy(CfnDeletionPolicy.RETAIN);
            global.getCfnOptions().setUpdateReplacePolicy(CfnDeletionPolicy.RETAIN);
            DatabaseSecret master = DatabaseSecret.Builder.create(this, "MasterSecret")
                    .username(RdsPrimary.MASTER_USERNAME)
                    .encryptionKey(key.key())
                    .build();
            builder.globalClusterIdentifier(global.getRef())
                    .masterUsername(RdsPrimary.MASTER_USERNAME)
                    .masterUserPassword(master.secretValueFromJson("password").unsafeUnwrap());
            this.globalCluster = Optional.of(global);
            this.secret = Optional.of(master);
        } else {
            // A literal identifier, not a token: the global cluster lives in the primary region's stack.
            builder.globalClusterIdentifier(props.globalClusterIdentifier());
            this.globalCluster = Optional.empty();
            this.secret = Optional.empty();
        }
        this.cluster = builder.build();
        NagReasons.suppress(cluster, "AwsSolutions-RDS11", NagReasons.DEFAULT_PORT);
        secret.ifPresent(s -> NagReasons.suppress(s, "AwsSolutions-SMG4", NagReasons.SECRET_ROTATION));
        cluster.getCfnOptions().setDeletionPolicy(CfnDeletionPolicy.SNAPSHOT);
        cluster.getCfnOptions().setUpdateReplacePolicy(CfnDeletionPolicy.SNAPSHOT);
        secret.ifPresent(s -> CfnSecretTargetAttachment.Builder.create(this, "SecretAttachment")
                .secretId(s.getSecretArn()).targetId(cluster.getRef()).targetType("AWS::RDS::DBCluster").build());

        List<CfnDBInstance> instances = new ArrayList<>();
        for (int i = 0; i < props.instanceCount(); i++) {
            CfnDBInstance instance = CfnDBInstance.Builder.create(this, "Instance" + (i + 1))
                    .dbClusterIdentifier(cluster.getRef())
                    .dbInstanceIdentifier(props.clusterIdentifier() + "-" + (i + 1))
                    .engine(ENGINE)
                    .dbInstanceClass(props.instanceClass())
                    .publiclyAccessible(false)
                    .build();
            instances.add(instance);
        }
        CfnOutput.Builder.create(this, "WriterEndpoint").value(cluster.getAttrEndpointAddress())
                .description("Aurora cluster endpoint (the writer once this cluster is primary)").build();
        CfnOutput.Builder.create(this, "ReaderEndpoint").value(cluster.getAttrReadEndpointAddress())
                .description("Aurora reader endpoint").build();
    }

    public CfnDBCluster cluster() {
        return cluster;
    }

    public IKey key() {
        return key.key();
    }

    public Optional<CfnGlobalCluster> globalCluster() {
        return globalCluster;
    }

    public Optional<DatabaseSecret> secret() {
        return secret;
    }

    /** @param instanceCount writer plus readers; 2 for multi-AZ, 1 otherwise */
    @PropsBuilder
    public record Props(@RecordBuilder.Initializer("DEFAULT_ROLE") Role role, IVpc vpc, ISecurityGroup securityGroup,
                        @RecordBuilder.Initializer("DEFAULT_SUBNET_TYPE") SubnetType subnetType,
                        String clusterIdentifier, String globalClusterIdentifier, String keyAlias,
                        String engineVersion, String instanceClass,
                        @RecordBuilder.Initializer("DEFAULT_INSTANCE_COUNT") int instanceCount,
                        @RecordBuilder.Initializer("DEFAULT_BACKUP_RETENTION_DAYS") int backupRetentionDays) {

        public static final Role DEFAULT_ROLE = Role.PRIMARY;
        public static final SubnetType DEFAULT_SUBNET_TYPE = SubnetType.PRIVATE_WITH_EGRESS;
        public static final int DEFAULT_INSTANCE_COUNT = 2;
        public static final int DEFAULT_BACKUP_RETENTION_DAYS = 14;

        public Props {
            if (instanceCount < 1) {
                throw new IllegalArgumentException("instanceCount must be >= 1, found " + instanceCount);
            }
            Objects.requireNonNull(clusterIdentifier, "clusterIdentifier");
            Objects.requireNonNull(globalClusterIdentifier, "globalClusterIdentifier");
            Objects.requireNonNull(keyAlias, "keyAlias");
            Objects.requireNonNull(engineVersion, "engineVersion");
            Objects.requireNonNull(instanceClass, "instanceClass");
        }

        public static AuroraClusterPropsBuilder builder() {
            return AuroraClusterPropsBuilder.builder();
        }
    }
}
