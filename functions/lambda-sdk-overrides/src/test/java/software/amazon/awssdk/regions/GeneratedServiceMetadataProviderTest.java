package software.amazon.awssdk.regions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * functions/lambda-sdk-overrides' service metadata on demand (issue 17, "fewer classes"): the services the Lambda
 * jars call get the SDK's own generated metadata, every other one the SDK's fallback, and none
 * loads the metadata of all AWS services. The jars themselves are checked in bench
 * ({@code ServiceMetadataInJarsTest}): each carries this class and it answers each of its services.
 */
class GeneratedServiceMetadataProviderTest {

    private static final List<String> SERVED = List.of("dynamodb", "states", "monitoring", "events", "rds", "globalaccelerator", "ecs");

    @Test
    void theServicesTheJarsCall_shouldGetTheSdksGeneratedMetadata() {
        GeneratedServiceMetadataProvider provider = new GeneratedServiceMetadataProvider();
        for (String prefix : SERVED) {
            ServiceMetadata metadata = provider.serviceMetadata(prefix);
            assertEquals("software.amazon.awssdk.regions.servicemetadata", metadata.getClass().getPackageName(), prefix);
            assertTrue(metadata.getClass().getSimpleName().endsWith("ServiceMetadata"), prefix);
            assertSame(metadata, provider.serviceMetadata(prefix), "built once: " + prefix);
        }
    }

    @Test
    void aClientsOwnMetadataId_shouldBeServed() {
        assertEquals("DynamodbServiceMetadata", ServiceMetadata.of(DynamoDbClient.SERVICE_METADATA_ID).getClass().getSimpleName());
    }

    @Test
    void anyOtherService_shouldGetTheSdksFallback_asAServiceMissingFromItsMapDoes() {
        assertNull(new GeneratedServiceMetadataProvider().serviceMetadata("s3"));
        // this module's test classpath puts its own class ahead of the regions jar's, as the jars' shade filter does
        ServiceMetadata s3 = ServiceMetadata.of("s3");
        assertEquals("DefaultServiceMetadata", s3.getClass().getSimpleName());
        assertEquals(Region.EU_WEST_1, s3.signingRegion(Region.EU_WEST_1));
    }

    @Test
    void signingRegions_shouldBeTheGeneratedOnes() {
        ServiceMetadata monitoring = ServiceMetadata.of("monitoring");
        assertEquals(Region.EU_WEST_1, monitoring.signingRegion(Region.EU_WEST_1));
        assertEquals(Region.US_EAST_1, monitoring.signingRegion(Region.of("fips-us-east-1")));
    }
}
