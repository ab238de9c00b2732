package dev.crossfade.infra.data;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.CfnDeletionPolicy;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.rds.CfnDBInstance;
import software.amazon.awscdk.services.rds.CfnDBParameterGroup;
import software.amazon.awscdk.services.rds.CfnDBSubnetGroup;
import software.constructs.Construct;

/**
 * A cross-region read replica of the RDS primary. The L2 {@code DatabaseInstanceReadReplica}
 * needs its source in the same region, so this is the L1 resource with the source named by ARN
 * and a KMS key of the replica's own region (RDS requires one for an encrypted cross-region
 * replica; the replica inherits encryption, engine and credentials from its source).
 */
public final class RdsReadReplica extends Construct {

    private final CfnDBInstance instance;
    private final DataKey key;

    public RdsReadReplica(Construct scope, String id, Props props) {
        super(scope, id);
        Objects.requireNonNull(props.vpc(), "vpc");
        Objects.requireNonNull(props.securityGroup(), "securityGroup");
        if (!props.sourceDbInstanceArn().startsWith("arn:")) {
            throw new IllegalArgumentException("sourceDbInstanceArn must be the primary's ARN (a cross-region "
                    + "replica cannot name its source by identifier), found '" + props.sourceDbInstanceArn() + "'");
        }
        this.key = new DataKey(this, "Key", DataKey.Props.builder()
                .aliasName(props.keyAlias()).description("RDS read replica " + props.instanceIdentifier()).build());
        List<String> subnetIds = props.vpc().selectSubnets(SubnetSelection.builder().subnetType(props.subnetType()).build())
                .getSubnets().stream().map(ISubnet::getSubnetId).toList();
        CfnDBSubnetGroup subnets = CfnDBSubnetGroup.Builder.create(this, "Subnets")
                .dbSubnetGroupDescription("Subnets of read replica " + props.instanceIdentifier())
                .dbSubnetGroupName(props.subnetGroupName())
                .subnetIds(subnetIds)
                .build();
        String parameterGroup = null;
        if (props.parameterGroupName() != null) {
            parameterGroup = CfnDBParameterGroup.Builder.create(this, "Parameters")
                    .dbParameterGroupName(props.parameterGroupName())
                    .family(Objects.requireNonNull(props.parameterGroupFamily(), "parameterGroupFamily"))
                    .description("Parameters of " + props.instanceIdentifier() + " (the failover workflow fences writes here)")
                    .build().getRef();
        }
        this.instance = CfnDBInstance.Builder.create(this, "Instance")
                .dbInstanceIdentifier(props.instanceIdentifier())
                .sourceDbInstanceIdentifier(props.sourceDbInstanceArn())
                .sourceRegion(props.sourceRegion())
                .dbInstanceClass(props.instanceClass())
                .kmsKeyId(key.key().getKeyArn())
                .dbSubnetGroupName(subnets.getRef())
                .dbParameterGroupName(parameterGroup)
                .vpcSecurityGroups(List.of(props.securityGroup().getSecurityGroupId()))
                .multiAz(props.multiAz())
                .maxAllocatedStorage(props.maxAllocatedStorage())
                .publiclyAccessible(false)
                .copyTagsToSnapshot(true)
                .deletionProtection(true)
                .enableIamDatabaseAuthentication(true)
                .build();
        NagReasons.suppress(instance, "AwsSolutions-RDS11", NagReasons.DEFAULT_PORT);
        NagReasons.suppress(instance, "AwsSolutions-RDS2", NagReasons.REPLICA_ENCRYPTION);
        if (!props.multiAz()) {
            NagReasons.suppress(instance, "AwsSolutions-RDS3", NagReasons.SINGLE_AZ);
        }
        instance.getCfnOptions().setDeletionPolicy(CfnDeletionPolicy.SNAPSHOT);
        instance.getCfnOptions().setUpdateReplacePolicy(CfnDeletionPolicy.SNAPSHOT);
        CfnOutput.Builder.create(this, "ReplicaArn").value(instance.getAttrDbInstanceArn())
                .description("ARN of the read replica (promoted on failover)").build();
    }

    public CfnDBInstance instance() {
        return instance;
    }

    public IKey key() {
        return key.key();
    }

    /**
     * The settings it shares with the primary have the primary's defaults ({@link RdsPrimary.Props}).
     *
     * @param parameterGroupName   a custom parameter group of this name and family (e.g. postgres16); null keeps the
     *                             default group
     * @param parameterGroupFamily the custom parameter group's family, with {@code parameterGroupName}
     * @param subnetGroupName      a DB subnet group of this fixed name (null: one named by CloudFormation)
     */
    @PropsBuilder
    public record Props(IVpc vpc, ISecurityGroup securityGroup,
                        @RecordBuilder.Initializer(source = RdsPrimary.Props.class, value = "DEFAULT_SUBNET_TYPE") SubnetType subnetType,
                        String instanceIdentifier, String sourceDbInstanceArn, String sourceRegion, String keyAlias,
                        String instanceClass,
                        @RecordBuilder.Initializer(source = RdsPrimary.Props.class, value = "DEFAULT_MULTI_AZ") boolean multiAz,
                        @RecordBuilder.Initializer(source = RdsPrimary.Props.class, value = "DEFAULT_MAX_ALLOCATED_STORAGE")
                        int maxAllocatedStorage,
                        String parameterGroupName, String parameterGroupFamily, String subnetGroupName) {

        public Props {
            Objects.requireNonNull(instanceIdentifier, "instanceIdentifier");
            Objects.requireNonNull(sourceDbInstanceArn, "sourceDbInstanceArn");
            Objects.requireNonNull(sourceRegion, "sourceRegion");
            Objects.requireNonNull(keyAlias, "keyAlias");
            Objects.requireNonNull(instanceClass, "instanceClass");
        }

        public static RdsReadReplicaPropsBuilder builder() {
            return RdsReadReplicaPropsBuilder.builder();
        }
    }
}
