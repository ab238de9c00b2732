package dev.crossfade.topology;

import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.regions.Region;

/**
 * Region codes of the AWS commercial and GovCloud partitions that Crossfade accepts, from the AWS
 * SDK's partition metadata (the same data the SDK resolves endpoints with), so a region AWS adds
 * arrives with an SDK upgrade instead of an edit here. China, the isolated partitions and the
 * partitions' global pseudo-regions ({@code aws-global}) are left out.
 */
public final class AwsRegions {

    /** The partitions whose regions a topology may name. */
    public static final Set<String> PARTITIONS = Set.of("aws", "aws-us-gov");

    public static final Set<String> CODES = Region.regions().stream()
            .filter(r -> !r.isGlobalRegion())
            .filter(r -> r.metadata() != null && PARTITIONS.contains(r.metadata().partition().id()))
            .map(Region::id)
            .collect(Collectors.toUnmodifiableSet());

    /** Regions from which Route 53 can run health checks (the only values HealthCheckConfig.Regions takes). */
    public static final Set<String> HEALTH_CHECKER_REGIONS = Set.of(
            "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    /** Route 53 geolocation continent codes. */
    public static final Set<String> CONTINENTS = Set.of("AF", "AN", "AS", "EU", "NA", "OC", "SA");

    private AwsRegions() {}

    public static boolean isKnown(String code) {
        return CODES.contains(code);
    }
}
