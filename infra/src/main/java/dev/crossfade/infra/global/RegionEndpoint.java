package dev.crossfade.infra.global;

import java.util.Objects;

/**
 * What the global stack needs to know of one region's load balancer. In the app these values
 * come from the regional stacks through cross-region references (see docs/routing.md).
 *
 * @param albDnsName               the ALB's DNS name (health-check target and alias target)
 * @param albCanonicalHostedZoneId the ALB's canonical hosted zone id (alias target zone)
 * @param albArn                   the ALB's ARN (Global Accelerator endpoint)
 */
public record RegionEndpoint(String region, String albDnsName, String albCanonicalHostedZoneId, String albArn) {

    public RegionEndpoint {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(albDnsName, "albDnsName of " + region);
        Objects.requireNonNull(albCanonicalHostedZoneId, "albCanonicalHostedZoneId of " + region);
        Objects.requireNonNull(albArn, "albArn of " + region);
    }
}
