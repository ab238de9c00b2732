package dev.crossfade.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.GeneratedServiceMetadataProvider;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.ServiceMetadataProvider;

/**
 * local/ runs the handlers' modules on a plain classpath, with Route 53 and S3 clients of its own:
 * functions/lambda-sdk-overrides' reduced GeneratedServiceMetadataProvider (an optional dependency
 * of the deployables, for their shaded jars only) must not be on it; the SDK's is.
 */
class SdkServiceMetadataTest {

    @Test
    void theSdksProvider_shouldBeTheOnlyOne() throws Exception {
        Path regionsJar = Path.of(ServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path provider = Path.of(GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertEquals(regionsJar, provider);
        List<URL> copies = Collections.list(getClass().getClassLoader()
                .getResources("software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class"));
        assertEquals(1, copies.size(), copies.toString());
        assertEquals("Route53ServiceMetadata", ServiceMetadata.of("route53").getClass().getSimpleName());
        // the SDK's own for S3 (EnhancedS3ServiceMetadata), not its generic DefaultServiceMetadata
        assertEquals("software.amazon.awssdk.regions.servicemetadata", ServiceMetadata.of("s3").getClass().getPackageName());
    }
}
