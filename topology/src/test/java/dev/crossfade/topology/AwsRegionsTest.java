package dev.crossfade.topology;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsRegionsTest {

    @Test
    void commercialAndGovCloudRegions_shouldBeKnown_fromTheSdksMetadata() {
        List.of("us-east-1", "eu-west-1", "ap-south-1", "sa-east-1", "mx-central-1", "us-gov-west-1", "us-gov-east-1")
                .forEach(code -> assertTrue(AwsRegions.isKnown(code), code));
        assertTrue(AwsRegions.CODES.size() >= 36, "every commercial and GovCloud region: " + AwsRegions.CODES);
    }

    @Test
    void pseudoRegions_chinaAndIsolatedPartitions_andTypos_shouldNotBe() {
        List.of("aws-global", "aws-us-gov-global", "cn-north-1", "us-iso-east-1", "us-isob-east-1", "eusc-de-east-1",
                "us-east-7", "US-EAST-1", "").forEach(code -> assertFalse(AwsRegions.isKnown(code), code));
    }

    @Test
    void route53CheckerRegions_shouldAllBeKnownRegions() {
        AwsRegions.HEALTH_CHECKER_REGIONS.forEach(code -> assertTrue(AwsRegions.isKnown(code), code));
    }
}
