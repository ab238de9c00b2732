package dev.crossfade.infra.data;

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

    public record Props(IVpc vpc, ISecurityGroup securityGroup, SubnetType subnetType, String instanceIdentifier,
                        String sourceDbInstanceArn, String sourceRegion, String keyAlias, String instanceClass,
                        boolean multiAz, int maxAllocatedStorage, String parameterGroupName, String parameterGroupFamily,
                        String subnetGroupName) {

        public static Builder builder() {
            return new Builder();
        }

        /** The settings shared with the primary ({@link RdsInstanceBuilder}) and the replica's own. */
        public static final class Builder extends RdsInstanceBuilder<Builder> {
            private String sourceDbInstanceArn;
            private String sourceRegion;
            private String parameterGroupName;
            private String parameterGroupFamily;

            @Override
            Builder self() { return this; }

            public Builder sourceDbInstanceArn(String v) { this.sourceDbInstanceArn = v; return this; }
            public Builder sourceRegion(String v) { this.sourceRegion = v; return this; }
            /** A custom parameter group of this name and family (e.g. postgres16); null keeps the default group. */
            public Builder parameterGroup(String name, String family) {
                this.parameterGroupName = name;
                this.parameterGroupFamily = family;
                return this;
            }

            public Props build() {
                return new Props(vpc, securityGroup, subnetType, Objects.requireNonNull(instanceIdentifier, "instanceIdentifier"),
                        Objects.requireNonNull(sourceDbInstanceArn, "sourceDbInstanceArn"),
                        Objects.requireNonNull(sourceRegion, "sourceRegion"), Objects.requireNonNull(keyAlias, "keyAlias"),
                        Objects.requireNonNull(instanceClass, "instanceClass"), multiAz, maxAllocatedStorage,
                        parameterGroupName, parameterGroupFamily, subnetGroupName);
            }
        }
    }
}
