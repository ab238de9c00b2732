package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.IAutoScalingGroup;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.ecs.AsgCapacityProvider;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.EcsOptimizedImage;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * An ECS cluster (Container Insights on) and its EC2 capacity: an auto scaling group of one
 * instance type in the private subnets, bounded by min and max, that ECS scales through a
 * capacity provider.
 */
public final class EcsCapacity extends Construct {

    private final Cluster cluster;
    private final AutoScalingGroup autoScalingGroup;
    private final AsgCapacityProvider capacityProvider;

    public EcsCapacity(Construct scope, String id, Props props) {
        super(scope, id);
        cluster = Cluster.Builder.create(this, "Cluster").vpc(props.vpc()).clusterName(props.clusterName())
                .containerInsightsV2(ContainerInsights.ENABLED).build();
        autoScalingGroup = AutoScalingGroup.Builder.create(this, "Instances").vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .launchTemplate(launchTemplate(props))
                .minCapacity(props.minCapacity())
                .maxCapacity(props.maxCapacity())
                .build();
        capacityProvider = AsgCapacityProvider.Builder.create(this, "Provider")
                .autoScalingGroup(autoScalingGroup)
                // off so that `cdk destroy` is not blocked by scale-in-protected instances;
                // managed draining still moves tasks off an instance before it is terminated
                .enableManagedTerminationProtection(false)
                .enableManagedDraining(true)
                .build();
        cluster.addAsgCapacityProvider(capacityProvider);
        // the policy the cluster wrote onto the instance role
        Nag.suppress(autoScalingGroup.getRole().getNode().findChild("DefaultPolicy"), "AwsSolutions-IAM5", "The ECS agent's own policy, written by CDK: "
                + "ecs:DiscoverPollEndpoint, ecr:GetAuthorizationToken and the logs actions do not support resource-level "
                + "permissions, ecs:Poll and ecs:StartTelemetrySession are conditioned on this cluster's ARN, "
                + "and ecs:Submit* is limited to this cluster.", List.of("Resource::*", "Action::ecs:Submit*"));
        Nag.suppress(autoScalingGroup, "AwsSolutions-AS3", "The ECS capacity provider drives this group's scaling; "
                + "its activity is visible in ECS service events and Container Insights, and nobody would act on "
                + "per-instance launch/terminate notifications.");
    }

    private LaunchTemplate launchTemplate(Props props) {
        Role role = Role.Builder.create(this, "InstanceRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description("ECS container instances; the ECS agent's permissions are added by the cluster")
                .build();
        SecurityGroup group = SecurityGroup.Builder.create(this, "InstanceGroup").vpc(props.vpc())
                .description("ECS container instances: no inbound, tasks have their own ENIs").allowAllOutbound(true).build();
        return LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .instanceType(new InstanceType(props.instanceType()))
                .machineImage(EcsOptimizedImage.amazonLinux2023())
                .userData(UserData.forLinux()) // the cluster appends its ECS_CLUSTER line
                .role(role)
                .securityGroup(group)
                .requireImdsv2(true)
                .detailedMonitoring(true)
                .blockDevices(List.of(BlockDevice.builder().deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(30, EbsDeviceOptions.builder()
                                .encrypted(true).volumeType(EbsDeviceVolumeType.GP3).build()))
                        .build()))
                .build();
    }

    public ICluster cluster() { return cluster; }

    public IAutoScalingGroup autoScalingGroup() { return autoScalingGroup; }

    public String capacityProviderName() { return capacityProvider.getCapacityProviderName(); }

    /**
     * @param instanceType an EC2 instance type such as m5.large
     * @param clusterName  the cluster's name, or null to let CloudFormation choose one
     */
    @PropsBuilder
    public record Props(IVpc vpc, String instanceType, int minCapacity, int maxCapacity, String clusterName) {

        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(instanceType, "instanceType");
            if (minCapacity < 0 || minCapacity > maxCapacity) {
                throw new IllegalArgumentException("need 0 <= minCapacity <= maxCapacity, found " + minCapacity + ", " + maxCapacity);
            }
        }

        public static EcsCapacityPropsBuilder builder() { return EcsCapacityPropsBuilder.builder(); }
    }
}
