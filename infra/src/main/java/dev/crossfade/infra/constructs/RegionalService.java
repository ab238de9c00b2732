package dev.crossfade.infra.constructs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.IAutoScalingGroup;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.ecs.AsgCapacityProvider;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.Ec2Service;
import software.amazon.awscdk.services.ecs.Ec2TaskDefinition;
import software.amazon.awscdk.services.ecs.EcsOptimizedImage;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.IEc2Service;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.NetworkMode;
import software.amazon.awscdk.services.ecs.PlacementStrategy;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.BuiltInAttributes;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * The application tier of one region: an ECS cluster (Container Insights on) whose EC2 capacity
 * is an auto scaling group behind a capacity provider, the service running the topology's image,
 * and a public ALB in front of it. The ALB listens on HTTPS 443 when a certificate is given
 * (HTTP 80 then redirects to it); without one it listens on HTTP 80 only.
 */
public final class RegionalService extends Construct {

    private final Cluster cluster;
    private final AutoScalingGroup autoScalingGroup;
    private final Ec2Service service;
    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationTargetGroup targetGroup;
    private final ApplicationListener listener;
    private final Bucket accessLogs;

    public RegionalService(Construct scope, String id, Props props) {
        super(scope, id);
        cluster = Cluster.Builder.create(this, "Cluster").vpc(props.vpc())
                .containerInsightsV2(ContainerInsights.ENABLED).build();
        autoScalingGroup = capacity(props);
        AsgCapacityProvider capacityProvider = AsgCapacityProvider.Builder.create(this, "CapacityProvider")
                .autoScalingGroup(autoScalingGroup)
                // off so that `cdk destroy` is not blocked by scale-in-protected instances;
                // managed draining still moves tasks off an instance before it is terminated
                .enableManagedTerminationProtection(false)
                .enableManagedDraining(true)
                .build();
        cluster.addAsgCapacityProvider(capacityProvider);
        service = service(props, capacityProvider);
        accessLogs = newAccessLogBucket();
        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "Alb").vpc(props.vpc()).internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .securityGroup(props.albSecurityGroup())
                .dropInvalidHeaderFields(true)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");
        targetGroup = ApplicationTargetGroup.Builder.create(this, "Targets").vpc(props.vpc())
                .port(props.containerPort()).protocol(ApplicationProtocol.HTTP).targetType(TargetType.IP)
                .healthCheck(HealthCheck.builder().path(props.healthPath()).healthyHttpCodes("200")
                        .interval(Duration.seconds(10)).healthyThresholdCount(2).unhealthyThresholdCount(3).build())
                .deregistrationDelay(Duration.seconds(30))
                .targets(List.of(service))
                .build();
        listener = props.certificateArn().map(this::httpsListeners).orElseGet(this::httpListener);
        suppressNagFindings();
    }

    private void suppressNagFindings() {
        Nag.suppress(autoScalingGroup.getRole(), "AwsSolutions-IAM5", "The ECS agent's own policy, written by CDK: "
                + "ecs:DiscoverPollEndpoint, ecr:GetAuthorizationToken and the logs actions do not support resource-level "
                + "permissions, ecs:Poll and ecs:StartTelemetrySession are conditioned on this cluster's ARN, "
                + "and ecs:Submit* is limited to this cluster.", List.of("Resource::*", "Action::ecs:Submit*"));
        Nag.suppress(autoScalingGroup, "AwsSolutions-AS3", "The ECS capacity provider drives this group's scaling; "
                + "its activity is visible in ECS service events and Container Insights, and nobody would act on "
                + "per-instance launch/terminate notifications.");
        Nag.suppress(service.getTaskDefinition(), "AwsSolutions-ECS2", "The only environment variable is AWS_REGION, "
                + "which CDK adds to EC2 task definitions; it is not a secret.");
        Nag.suppress(accessLogs, "AwsSolutions-S1", "This bucket receives the ALB access logs; logging its own "
                + "access to another bucket would need a log bucket for that one too, without end.");
    }

    private AutoScalingGroup capacity(Props props) {
        Role instanceRole = Role.Builder.create(this, "InstanceRole")
                .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
                .description("ECS container instances; the ECS agent's permissions are added by the cluster")
                .build();
        SecurityGroup instances = SecurityGroup.Builder.create(this, "Instances").vpc(props.vpc())
                .description("ECS container instances: no inbound, tasks have their own ENIs").allowAllOutbound(true).build();
        LaunchTemplate template = LaunchTemplate.Builder.create(this, "LaunchTemplate")
                .instanceType(new InstanceType(props.instanceType()))
                .machineImage(EcsOptimizedImage.amazonLinux2023())
                .userData(UserData.forLinux())
                .role(instanceRole)
                .securityGroup(instances)
                .requireImdsv2(true)
                .detailedMonitoring(true)
                .blockDevices(List.of(BlockDevice.builder().deviceName("/dev/xvda")
                        .volume(BlockDeviceVolume.ebs(30, EbsDeviceOptions.builder()
                                .encrypted(true).volumeType(EbsDeviceVolumeType.GP3).build()))
                        .build()))
                .build();
        return AutoScalingGroup.Builder.create(this, "Capacity").vpc(props.vpc())
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .launchTemplate(template)
                .minCapacity(props.minCapacity())
                .maxCapacity(props.maxCapacity())
                .build();
    }

    private Ec2Service service(Props props, AsgCapacityProvider capacityProvider) {
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
        Ec2Service svc = Ec2Service.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(props.desiredCount())
                .minHealthyPercent(50)
                .maxHealthyPercent(200)
                .securityGroups(List.of(props.serviceSecurityGroup()))
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .capacityProviderStrategies(List.of(CapacityProviderStrategy.builder()
                        .capacityProvider(capacityProvider.getCapacityProviderName()).weight(1).build()))
                .placementStrategies(List.of(PlacementStrategy.spreadAcross(BuiltInAttributes.AVAILABILITY_ZONE)))
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                .build();
        svc.autoScaleTaskCount(EnableScalingProps.builder()
                        .minCapacity(props.minCapacity()).maxCapacity(props.maxCapacity()).build())
                .scaleOnCpuUtilization("Cpu", CpuUtilizationScalingProps.builder().targetUtilizationPercent(60).build());
        return svc;
    }

    private Bucket newAccessLogBucket() {
        // ALB access logs support SSE-S3 only, not KMS keys
        return Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .build();
    }

    private ApplicationListener httpsListeners(String certificateArn) {
        loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP)
                .defaultAction(ListenerAction.redirect(RedirectOptions.builder().protocol("HTTPS").port("443").permanent(true).build()))
                .build());
        return loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .port(443).protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromArn(certificateArn)))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .defaultTargetGroups(List.of(targetGroup))
                .build());
    }

    private ApplicationListener httpListener() {
        return loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP)
                .defaultTargetGroups(List.of(targetGroup))
                .build());
    }

    public ICluster cluster() { return cluster; }

    public IAutoScalingGroup autoScalingGroup() { return autoScalingGroup; }

    public IEc2Service service() { return service; }

    public IApplicationLoadBalancer loadBalancer() { return loadBalancer; }

    public IApplicationTargetGroup targetGroup() { return targetGroup; }

    /** The listener that forwards to the service: HTTPS 443 with a certificate, else HTTP 80. */
    public IApplicationListener listener() { return listener; }

    public IBucket accessLogBucket() { return accessLogs; }

    /**
     * @param certificateArn ACM certificate for HTTPS; empty means an HTTP-only ALB
     * @param minCapacity    lower bound of both the EC2 instances and the service's tasks
     * @param maxCapacity    upper bound of both
     * @param cpu            CPU units reserved per task (default 256)
     * @param memoryMiB      memory reserved per task (default 512)
     */
    public record Props(
            IVpc vpc,
            ISecurityGroup albSecurityGroup,
            ISecurityGroup serviceSecurityGroup,
            String image,
            int containerPort,
            String healthPath,
            Optional<String> certificateArn,
            String instanceType,
            int desiredCount,
            int minCapacity,
            int maxCapacity,
            int cpu,
            int memoryMiB) {

        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(albSecurityGroup, "albSecurityGroup");
            Objects.requireNonNull(serviceSecurityGroup, "serviceSecurityGroup");
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(healthPath, "healthPath");
            Objects.requireNonNull(instanceType, "instanceType");
            certificateArn = Objects.requireNonNullElse(certificateArn, Optional.empty());
            if (minCapacity > desiredCount || desiredCount > maxCapacity) {
                throw new IllegalArgumentException("need minCapacity <= desiredCount <= maxCapacity, found "
                        + minCapacity + ", " + desiredCount + ", " + maxCapacity);
            }
        }

        public static Builder builder() { return new Builder(); }

        public static final class Builder {
            private IVpc vpc;
            private ISecurityGroup albSecurityGroup;
            private ISecurityGroup serviceSecurityGroup;
            private String image;
            private int containerPort;
            private String healthPath = "/health";
            private Optional<String> certificateArn = Optional.empty();
            private String instanceType;
            private int desiredCount;
            private int minCapacity;
            private int maxCapacity;
            private int cpu = 256;
            private int memoryMiB = 512;

            public Builder vpc(IVpc v) { vpc = v; return this; }
            public Builder albSecurityGroup(ISecurityGroup sg) { albSecurityGroup = sg; return this; }
            public Builder serviceSecurityGroup(ISecurityGroup sg) { serviceSecurityGroup = sg; return this; }
            public Builder image(String v) { image = v; return this; }
            public Builder containerPort(int v) { containerPort = v; return this; }
            public Builder healthPath(String v) { healthPath = v; return this; }
            public Builder certificateArn(Optional<String> v) { certificateArn = v; return this; }
            public Builder instanceType(String v) { instanceType = v; return this; }
            public Builder desiredCount(int v) { desiredCount = v; return this; }
            public Builder minCapacity(int v) { minCapacity = v; return this; }
            public Builder maxCapacity(int v) { maxCapacity = v; return this; }
            public Builder cpu(int v) { cpu = v; return this; }
            public Builder memoryMiB(int v) { memoryMiB = v; return this; }

            public Props build() {
                return new Props(vpc, albSecurityGroup, serviceSecurityGroup, image, containerPort, healthPath,
                        certificateArn, instanceType, desiredCount, minCapacity, maxCapacity, cpu, memoryMiB);
            }
        }
    }
}
