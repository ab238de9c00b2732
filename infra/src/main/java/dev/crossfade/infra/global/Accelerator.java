package dev.crossfade.infra.global;

import dev.crossfade.infra.Ordered;
import dev.crossfade.infra.PropsBuilder;
import dev.crossfade.topology.Topology;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.crossfade.infra.data.NagReasons;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.globalaccelerator.CfnAccelerator;
import software.amazon.awscdk.services.globalaccelerator.CfnEndpointGroup;
import software.amazon.awscdk.services.globalaccelerator.CfnListener;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.route53.CfnRecordSet;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Global Accelerator in front of the regional ALBs: one TCP 443 listener, one endpoint group per
 * enabled region (health checks from the topology, client IP preservation, traffic dial 100 for
 * regions that take traffic and 0 for passive standbys), flow logs to S3 when asked, and a
 * Route 53 alias to the accelerator.
 *
 * <p>CloudFormation has no flow-log property on the accelerator; they are switched on by the
 * {@code UpdateAcceleratorAttributes} API through an {@link AwsCustomResource} (docs/routing.md).
 */
public final class Accelerator extends Construct {

    /** Route 53 hosted zone of every Global Accelerator DNS name (AWS constant). */
    /** The accelerator's own name, {@code ga.<domain.name>}; the routing records keep {@code domain.name}. */
    public static String aliasNameFor(String domainName) {
        return "ga." + domainName;
    }

    static final String GA_HOSTED_ZONE_ID = "Z2BJ6XQ5FK7U4H";
    /** Global Accelerator's control plane is in us-west-2 only. */
    static final String GA_API_REGION = "us-west-2";
    static final String FLOW_LOG_PREFIX = "flow-logs";
    /** Construct id of the AwsCustomResource provider singleton (fixed by aws-cdk-lib). */
    static final String PROVIDER_ID = "AWS679f53fac002430cb0da5b7982bd2287";
    static final String LOG_DELIVERY = "logs:CreateLogDelivery and logs:DeleteLogDelivery have no resource-level "
            + "permissions; AWS requires Resource *";
    static final String PROVIDER_LOGS = "CDK's AwsCustomResource provider writes its own logs through "
            + "AWSLambdaBasicExecutionRole (CloudWatch Logs only)";

    private final CfnAccelerator accelerator;
    private final Map<String, CfnEndpointGroup> groups = new java.util.LinkedHashMap<>();
    private Bucket flowLogBucket;

    public Accelerator(Construct scope, String id, Props props) {
        super(scope, id);
        this.accelerator = CfnAccelerator.Builder.create(this, "Accelerator")
                .name(props.prefix())
                .enabled(true)
                .ipAddressType("IPV4")
                .build();
        CfnListener listener = CfnListener.Builder.create(this, "Listener")
                .acceleratorArn(accelerator.getAttrAcceleratorArn())
                .protocol("TCP")
                .portRanges(List.of(CfnListener.PortRangeProperty.builder().fromPort(443).toPort(443).build()))
                .clientAffinity("NONE")
                .build();
        Topology.HealthCheck hc = props.healthCheck();
        for (Topology.Region region : props.regions()) {
            RegionEndpoint endpoint = Optional.ofNullable(props.endpoints().get(region.name())).orElseThrow(
                    () -> new IllegalArgumentException("no ALB endpoint given for Global Accelerator region '"
                            + region.name() + "'"));
            CfnEndpointGroup.Builder group = CfnEndpointGroup.Builder.create(this, "Group-" + region.name())
                    .listenerArn(listener.getAttrListenerArn())
                    .endpointGroupRegion(region.name())
                    .endpointConfigurations(List.of(CfnEndpointGroup.EndpointConfigurationProperty.builder()
                            .endpointId(endpoint.albArn())
                            .clientIpPreservationEnabled(true)
                            .weight(128)
                            .build()))
                    .healthCheckIntervalSeconds(props.accelerator().healthCheckIntervalSeconds())
                    .thresholdCount(props.accelerator().thresholdCount())
                    .healthCheckProtocol(hc.protocol().name())
                    .healthCheckPort(hc.port())
                    .trafficDialPercentage(trafficDial(props.mode(), region));
            if (hc.protocol() != Topology.Protocol.TCP) {
                group.healthCheckPath(hc.path());
            }
            groups.put(region.name(), group.build());
        }
        CfnRecordSet.Builder.create(this, "Alias")
                .hostedZoneId(props.hostedZoneId())
                .name(props.aliasName())
                .type("A")
                .aliasTarget(CfnRecordSet.AliasTargetProperty.builder()
                        .dnsName(accelerator.getAttrDnsName())
                        .hostedZoneId(GA_HOSTED_ZONE_ID)
                        .evaluateTargetHealth(true)
                        .build())
                .build();
        if (props.accelerator().flowLogs()) {
            flowLogs(props);
        }
    }

    /** Active-active: every region takes traffic. Active-passive: only the primary does. */
    static double trafficDial(Topology.Mode mode, Topology.Region region) {
        return mode == Topology.Mode.ACTIVE_ACTIVE || region.primary() ? 100 : 0;
    }

    private void flowLogs(Props props) {
        String account = Stack.of(this).getAccount();
        flowLogBucket = Bucket.Builder.create(this, "FlowLogBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .versioned(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(props.flowLogRetentionDays()))
                        .noncurrentVersionExpiration(Duration.days(1)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagReasons.suppress(flowLogBucket, "AwsSolutions-S1", NagReasons.LOG_BUCKET);
        // Granted up front so that enabling flow logs need not rewrite the bucket policy CDK owns.
        ServicePrincipal delivery = new ServicePrincipal("delivery.logs.amazonaws.com");
        flowLogBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(delivery)).actions(List.of("s3:PutObject"))
                .resources(List.of(flowLogBucket.arnForObjects(FLOW_LOG_PREFIX + "/AWSLogs/" + account + "/*")))
                .conditions(Map.of("StringEquals", new java.util.TreeMap<>(Map.of("s3:x-amz-acl", "bucket-owner-full-control",
                        "aws:SourceAccount", account))))
                .build());
        flowLogBucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .principals(List.of(delivery)).actions(List.of("s3:GetBucketAcl"))
                .resources(List.of(flowLogBucket.getBucketArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", account)))
                .build());
        String arn = accelerator.getAttrAcceleratorArn();
        Map<String, Object> on = new java.util.LinkedHashMap<>();
        on.put("AcceleratorArn", arn);
        on.put("FlowLogsEnabled", true);
        on.put("FlowLogsS3Bucket", flowLogBucket.getBucketName());
        on.put("FlowLogsS3Prefix", FLOW_LOG_PREFIX);
        Map<String, Object> off = new java.util.LinkedHashMap<>();
        off.put("AcceleratorArn", arn);
        off.put("FlowLogsEnabled", false);
        AwsSdkCall enable = call(arn, on);
        AwsCustomResource flowLogs = AwsCustomResource.Builder.create(this, "FlowLogs")
                .onCreate(enable)
                .onUpdate(enable)
                .onDelete(call(arn, off))
                .installLatestAwsSdk(false)
                .policy(AwsCustomResourcePolicy.fromStatements(List.of(
                        allow(List.of("globalaccelerator:UpdateAcceleratorAttributes"), List.of(arn)),
                        allow(List.of("s3:GetBucketPolicy", "s3:PutBucketPolicy"), List.of(flowLogBucket.getBucketArn())),
                        // CloudWatch Logs vended-log delivery has no resource-level permissions (docs/data.md).
                        allow(List.of("logs:CreateLogDelivery", "logs:DeleteLogDelivery"), List.of("*")))))
                .build();
        NagReasons.suppress(flowLogs, "AwsSolutions-IAM5", LOG_DELIVERY, "/^Resource::\\*$/");
        // The provider Lambda is a stack-level singleton created by AwsCustomResource.
        NagSuppressions.addResourceSuppressionsByPath(Stack.of(this),
                Stack.of(this).getNode().getPath() + "/" + PROVIDER_ID + "/ServiceRole/Resource",
                List.of(NagPackSuppression.builder().id("AwsSolutions-IAM4").reason(PROVIDER_LOGS).build()));
    }

    private static AwsSdkCall call(String acceleratorArn, Map<String, Object> parameters) {
        return AwsSdkCall.builder()
                .service("GlobalAccelerator")
                .action("updateAcceleratorAttributes")
                .region(GA_API_REGION)
                .parameters(parameters)
                .physicalResourceId(PhysicalResourceId.of("flow-logs"))
                .build();
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().effect(Effect.ALLOW).actions(actions).resources(resources).build();
    }

    public CfnAccelerator accelerator() {
        return accelerator;
    }

    public Map<String, CfnEndpointGroup> endpointGroups() {
        return Ordered.copyOf(groups);
    }

    public Optional<Bucket> flowLogBucket() {
        return Optional.ofNullable(flowLogBucket);
    }

    /**
     * @param regions   enabled regions (one endpoint group each)
     * @param aliasName the Route 53 name aliased to the accelerator; the app's is {@code ga.<domain.name>}
     *                  ({@link #aliasNameFor}), since {@code domain.name} carries the routing records
     */
    @PropsBuilder
    public record Props(String prefix, Topology.Mode mode, List<Topology.Region> regions,
                        Map<String, RegionEndpoint> endpoints, Topology.HealthCheck healthCheck,
                        Topology.GlobalAccelerator accelerator, String hostedZoneId, String aliasName,
                        @RecordBuilder.Initializer("DEFAULT_FLOW_LOG_RETENTION_DAYS") int flowLogRetentionDays) {

        public static final int DEFAULT_FLOW_LOG_RETENTION_DAYS = 90;

        public Props {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(mode, "mode");
            regions = List.copyOf(regions);
            endpoints = Ordered.copyOf(endpoints);
            Objects.requireNonNull(healthCheck, "healthCheck");
            Objects.requireNonNull(accelerator, "accelerator");
            Objects.requireNonNull(hostedZoneId, "hostedZoneId");
            Objects.requireNonNull(aliasName, "aliasName");
            if (!accelerator.enabled()) {
                throw new IllegalArgumentException("globalAccelerator.enabled is false: do not create an Accelerator");
            }
        }

        public static AcceleratorPropsBuilder builder() {
            return AcceleratorPropsBuilder.builder();
        }
    }
}
