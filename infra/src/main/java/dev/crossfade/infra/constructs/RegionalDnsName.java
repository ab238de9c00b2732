package dev.crossfade.infra.constructs;

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

    public record Props(String region, String domainName, String hostedZoneId, IApplicationLoadBalancer loadBalancer) {

        public Props {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(domainName, "domainName");
            Objects.requireNonNull(hostedZoneId, "hostedZoneId");
            Objects.requireNonNull(loadBalancer, "loadBalancer");
        }

        public static Builder builder() { return new Builder(); }

        public static final class Builder {
            private String region;
            private String domainName;
            private String hostedZoneId;
            private IApplicationLoadBalancer loadBalancer;

            public Builder region(String v) { region = v; return this; }
            public Builder domainName(String v) { domainName = v; return this; }
            public Builder hostedZoneId(String v) { hostedZoneId = v; return this; }
            public Builder loadBalancer(IApplicationLoadBalancer v) { loadBalancer = v; return this; }

            public Props build() { return new Props(region, domainName, hostedZoneId, loadBalancer); }
        }
    }
}
