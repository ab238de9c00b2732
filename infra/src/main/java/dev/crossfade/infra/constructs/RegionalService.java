package dev.crossfade.infra.constructs;

import static java.util.Objects.requireNonNull;

import dev.crossfade.infra.PropsBuilder;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.autoscaling.IAutoScalingGroup;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.BuiltInAttributes;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.Ec2Service;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.IEc2Service;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.NetworkMode;
import software.amazon.awscdk.services.ecs.PlacementStrategy;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The application tier of one region: {@link EcsCapacity} (cluster and EC2 capacity), the ECS
 * service running the topology's image, and a {@link PublicLoadBalancer} whose target group
 * checks the app's health path. HTTPS when a certificate is given, else HTTP 80 only.
 */
public final class RegionalService extends Construct {

    private final EcsCapacity capacity;
    private final Ec2Service service;
    private final ApplicationTargetGroup targetGroup;
    private final PublicLoadBalancer entry;

    public RegionalService(Construct scope, String id, Props props) {
        super(scope, id);
        capacity = new EcsCapacity(this, "Capacity", EcsCapacity.Props.builder().vpc(props.vpc()).clusterName(props.name())
                .instanceType(props.instanceType()).minCapacity(props.minCapacity()).maxCapacity(props.maxCapacity()).build());
        service = service(props);
        targetGroup = ApplicationTargetGroup.Builder.create(this, "Targets").vpc(props.vpc())
                .port(props.containerPort()).protocol(ApplicationProtocol.HTTP).targetType(TargetType.IP)
                .healthCheck(HealthCheck.builder().path(props.healthPath()).healthyHttpCodes("200")
                        .interval(Duration.seconds(10)).healthyThresholdCount(2).unhealthyThresholdCount(3).build())
                .deregistrationDelay(Duration.seconds(30))
                .targets(List.of(service))
                .build();
        entry = new PublicLoadBalancer(this, "Entry", PublicLoadBalancer.Props.builder().vpc(props.vpc())
                .securityGroup(props.albSecurityGroup()).targetGroup(targetGroup).certificateArn(props.certificateArn()).build());
    }

    private Ec2Service service(Props props) {
        Ec2TaskDefinition task = Ec2TaskDefinition.Builder.create(this, "Task").networkMode(NetworkMode.AWS_VPC).build();
        task.addContainer("app", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(props.image()))
                .cpu(props.cpu())
                .memoryReservationMiB(props.memoryMiB())
                .portMappings(List.of(PortMapping.builder().containerPort(props.containerPort()).build()))
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder().streamPrefix("app")
                        .logGroup(LogGroup.Builder.create(this, "AppLogs").retention(RetentionDays.ONE_MONTH).build())
                        .build()))
                .build());
        Nag.suppress(task, "AwsSolutions-ECS2", "The only environment variable is AWS_REGION, "
                + "which CDK adds to EC2 task definitions; it is not a secret.");
        Ec2Service svc = Ec2Service.Builder.create(this, "Service")
                .serviceName(props.name() == null ? null : serviceNameFor(props.name()))
                .cluster(capacity.cluster())
                .taskDefinition(task)
                .desiredCount(props.desiredCount())
                .minHealthyPercent(50)
                .maxHealthyPercent(200)
                .securityGroups(List.of(props.serviceSecurityGroup()))
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .capacityProviderStrategies(List.of(CapacityProviderStrategy.builder()
                        .capacityProvider(capacity.capacityProviderName()).weight(1).build()))
                .placementStrategies(List.of(PlacementStrategy.spreadAcross(BuiltInAttributes.AVAILABILITY_ZONE)))
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                .build();
        svc.autoScaleTaskCount(EnableScalingProps.builder()
                        .minCapacity(props.minCapacity()).maxCapacity(props.maxCapacity()).build())
                .scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60).build());
        return svc;
    }

    /** The service's name when the cluster is named {@code name}: what the failover workflow scales in a region it cannot read. */
    public static String serviceNameFor(String name) { return name + "-service"; }

    public ICluster cluster() { return capacity.cluster(); }

    public IAutoScalingGroup autoScalingGroup() { return capacity.autoScalingGroup(); }

    public IEc2Service service() { return service; }

    public IApplicationLoadBalancer loadBalancer() { return entry.loadBalancer(); }

    public IApplicationTargetGroup targetGroup() { return targetGroup; }

    /** The {@code LoadBalancer} dimension of the ALB's metrics. */
    public String loadBalancerFullName() { return entry.loadBalancerFullName(); }

    /** The {@code TargetGroup} dimension of the target group's metrics. */
    public String targetGroupFullName() { return targetGroup.getTargetGroupFullName(); }

    /** The listener that forwards to the service: HTTPS 443 with a certificate, else HTTP 80. */
    public IApplicationListener listener() { return entry.listener(); }

    public IBucket accessLogBucket() { return entry.accessLogBucket(); }

    /**
     * @param certificateArn ACM certificate for HTTPS; empty means an HTTP-only ALB
     * @param minCapacity    lower bound of both the EC2 instances and the service's tasks
     * @param maxCapacity    upper bound of both
     * @param cpu            CPU units reserved per task (default 256)
     * @param memoryMiB      memory reserved per task (default 512)
     * @param name           the ECS cluster's name, the service being {@link #serviceNameFor name-service}; null lets
     *                       CloudFormation name both (the app names them so other regions can address them)
     */
    @PropsBuilder
    public record Props(
            IVpc vpc,
            ISecurityGroup albSecurityGroup,
            ISecurityGroup serviceSecurityGroup,
            String image,
            int containerPort,
            @RecordBuilder.Initializer("DEFAULT_HEALTH_PATH") String healthPath,
            Optional<String> certificateArn,
            String instanceType,
            int desiredCount,
            int minCapacity,
            int maxCapacity,
            @RecordBuilder.Initializer("DEFAULT_CPU") int cpu,
            @RecordBuilder.Initializer("DEFAULT_MEMORY_MIB") int memoryMiB,
            String name) {

        public static final String DEFAULT_HEALTH_PATH = "/health";
        public static final int DEFAULT_CPU = 256;
        public static final int DEFAULT_MEMORY_MIB = 512;

        public Props {
            requireNonNull(vpc, "vpc");
            requireNonNull(albSecurityGroup, "albSecurityGroup");
            requireNonNull(serviceSecurityGroup, "serviceSecurityGroup");
            requireNonNull(image, "image");
            requireNonNull(healthPath, "healthPath");
            certificateArn = Objects.requireNonNullElse(certificateArn, Optional.empty());
            requireNonNull(instanceType, "instanceType");
            if (minCapacity > desiredCount || desiredCount > maxCapacity) {
                throw new IllegalArgumentException("need minCapacity <= desiredCount <= maxCapacity, found "
                        + minCapacity + ", " + desiredCount + ", " + maxCapacity);
            }
        }

        public static RegionalServicePropsBuilder builder() { return RegionalServicePropsBuilder.builder(); }
    }
}
