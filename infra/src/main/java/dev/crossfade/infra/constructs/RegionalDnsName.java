package dev.crossfade.infra.constructs;

import dev.crossfade.infra.PropsBuilder;
import java.util.Objects;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.route53.CfnRecordSet;
import software.constructs.Construct;

/**
 * {@code <region>.<domain.name>}: a plain alias to this region's ALB, without routing policy or
 * health check. It names one region for sure, whatever the routing records at {@code domain.name}
 * answer, so the peers' canaries probe it. Deterministic, so peers need no cross-region token.
 */
public final class RegionalDnsName extends Construct {

    private final String hostName;

    public RegionalDnsName(Construct scope, String id, Props props) {
        super(scope, id);
        hostName = hostFor(props.region(), props.domainName());
        CfnRecordSet.Builder.create(this, "Alias")
                .hostedZoneId(props.hostedZoneId())
                .name(hostName + ".")
                .type("A")
                .comment("Crossfade: the " + props.region() + " ALB alone, probed by the peer regions' canaries")
                .aliasTarget(CfnRecordSet.AliasTargetProperty.builder()
                        .dnsName(props.loadBalancer().getLoadBalancerDnsName())
                        .hostedZoneId(props.loadBalancer().getLoadBalancerCanonicalHostedZoneId())
                        .evaluateTargetHealth(false)
                        .build())
                .build();
    }

    /** The region's own name, e.g. {@code eu-west-1.api.example.com}. */
    public static String hostFor(String region, String domainName) {
        return region + "." + domainName;
    }

    public String hostName() {
        return hostName;
    }

    @PropsBuilder
    public record Props(String region, String domainName, String hostedZoneId, IApplicationLoadBalancer loadBalancer) {

        public Props {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(domainName, "domainName");
            Objects.requireNonNull(hostedZoneId, "hostedZoneId");
            Objects.requireNonNull(loadBalancer, "loadBalancer");
        }

        public static RegionalDnsNamePropsBuilder builder() { return RegionalDnsNamePropsBuilder.builder(); }
    }
}
