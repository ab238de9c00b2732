package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.RedirectOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.constructs.Construct;

/**
 * An internet-facing ALB in the public subnets, with access logs, forwarding to one target
 * group. With a certificate it serves HTTPS on 443 and redirects HTTP 80 there; without one it
 * listens on HTTP 80 only.
 */
public final class PublicLoadBalancer extends Construct {

    private final ApplicationLoadBalancer loadBalancer;
    private final ApplicationListener listener;
    private final Bucket accessLogs;

    public PublicLoadBalancer(Construct scope, String id, Props props) {
        super(scope, id);
        // ALB log delivery supports SSE-S3 only, not KMS keys
        accessLogs = Bucket.Builder.create(this, "AccessLogs")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
                .build();
        Nag.suppress(accessLogs, "AwsSolutions-S1", "This bucket receives the ALB access logs; logging its own "
                + "access to another bucket would need a log bucket for that one too, without end.");
        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "Alb").vpc(props.vpc()).internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .securityGroup(props.securityGroup())
                .dropInvalidHeaderFields(true)
                .build();
        loadBalancer.logAccessLogs(accessLogs, "alb");
        listener = props.certificateArn()
                .map(arn -> https(arn, props.targetGroup()))
                .orElseGet(() -> http(props.targetGroup()));
    }

    private ApplicationListener https(String certificateArn, IApplicationTargetGroup targets) {
        loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP)
                .defaultAction(ListenerAction.redirect(RedirectOptions.builder().protocol("HTTPS").port("443").permanent(true).build()))
                .build());
        return loadBalancer.addListener("Https", BaseApplicationListenerProps.builder()
                .port(443).protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(ListenerCertificate.fromArn(certificateArn)))
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .defaultTargetGroups(List.of(targets))
                .build());
    }

    private ApplicationListener http(IApplicationTargetGroup targets) {
        return loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP)
                .defaultTargetGroups(List.of(targets))
                .build());
    }

    public IApplicationLoadBalancer loadBalancer() { return loadBalancer; }

    /** {@code app/<name>/<id>}, the {@code LoadBalancer} dimension of the ALB's CloudWatch metrics. */
    public String loadBalancerFullName() { return loadBalancer.getLoadBalancerFullName(); }

    /** The listener that forwards: HTTPS 443 with a certificate, else HTTP 80. */
    public IApplicationListener listener() { return listener; }

    public IBucket accessLogBucket() { return accessLogs; }

    /** @param certificateArn ACM certificate for HTTPS; empty means HTTP 80 only */
    @PropsBuilder
    public record Props(IVpc vpc, ISecurityGroup securityGroup, IApplicationTargetGroup targetGroup, Optional<String> certificateArn) {

        public Props {
            Objects.requireNonNull(vpc, "vpc");
            Objects.requireNonNull(securityGroup, "securityGroup");
            Objects.requireNonNull(targetGroup, "targetGroup");
            certificateArn = Objects.requireNonNullElse(certificateArn, Optional.empty());
        }

        public static PublicLoadBalancerPropsBuilder builder() { return PublicLoadBalancerPropsBuilder.builder(); }
    }
}
