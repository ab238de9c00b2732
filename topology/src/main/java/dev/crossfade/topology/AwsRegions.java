package dev.crossfade.topology;

import java.util.Set;

/** Region codes of the AWS commercial and GovCloud partitions that Crossfade accepts. */
public final class AwsRegions {

    public static final Set<String> CODES = Set.of(
            "us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "af-south-1",
            "ap-east-1", "ap-east-2", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
            "ap-southeast-6", "ap-southeast-7",
            "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
            "ca-central-1", "ca-west-1",
            "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2", "eu-west-3",
            "eu-south-1", "eu-south-2", "eu-north-1",
            "il-central-1", "me-south-1", "me-central-1",
            "mx-central-1", "sa-east-1",
            "us-gov-east-1", "us-gov-west-1");

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
