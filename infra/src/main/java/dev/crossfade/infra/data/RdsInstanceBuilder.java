package dev.crossfade.infra.data;

import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetType;

/**
 * The settings that {@link RdsPrimary} and {@link RdsReadReplica} both take, with their defaults:
 * where the instance runs (VPC, subnet type, security group), its identifier, key alias, class,
 * multi-AZ, storage ceiling and the fixed name of its subnet group. Each one's {@code Props.Builder}
 * extends this and adds its own settings; its {@code build()} checks which are required.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class RdsInstanceBuilder<B extends RdsInstanceBuilder<B>> {

    IVpc vpc;
    ISecurityGroup securityGroup;
    SubnetType subnetType = SubnetType.PRIVATE_WITH_EGRESS;
    String instanceIdentifier;
    String keyAlias;
    String instanceClass;
    boolean multiAz = true;
    int maxAllocatedStorage = 500;
    String subnetGroupName;

    /** {@code this}, as the concrete builder. */
    abstract B self();

    public B vpc(IVpc v) { this.vpc = v; return self(); }
    public B securityGroup(ISecurityGroup v) { this.securityGroup = v; return self(); }
    public B subnetType(SubnetType v) { this.subnetType = v; return self(); }
    public B instanceIdentifier(String v) { this.instanceIdentifier = v; return self(); }
    public B keyAlias(String v) { this.keyAlias = v; return self(); }
    public B instanceClass(String v) { this.instanceClass = v; return self(); }
    public B multiAz(boolean v) { this.multiAz = v; return self(); }
    public B maxAllocatedStorage(int v) { this.maxAllocatedStorage = v; return self(); }
    /** A DB subnet group of this fixed name (null: one named by CloudFormation). */
    public B subnetGroupName(String v) { this.subnetGroupName = v; return self(); }
}
