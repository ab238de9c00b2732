package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.GeneratedServiceMetadataProvider;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.regions.ServiceMetadataProvider;

/**
 * The CLI calls real AWS (Route 53, S3, ACM, STS, CloudFormation, EC2, Service Quotas), so it must
 * keep the SDK's own {@code GeneratedServiceMetadataProvider}, with every service's metadata.
 * functions/lambda-sdk-overrides replaces that class in the Lambda jars with one that knows the
 * jars' 7 services only (any other gets the generic {@code DefaultServiceMetadata}, not the
 * service's own regions, partitions and signing regions). The deployables declare that module
 * optional, so it is not on the CLI's classpath; moto-based tests would not notice if it were.
 */
class SdkServiceMetadataTest {

    private static final String ENTRY = "software/amazon/awssdk/regions/GeneratedServiceMetadataProvider.class";

    @Test
    void theCliServices_shouldGetTheSdksGeneratedMetadata() {
        assertEquals("Route53ServiceMetadata", ServiceMetadata.of("route53").getClass().getSimpleName());
        for (String prefix : List.of("route53", "s3", "acm", "sts", "cloudformation", "ec2", "servicequotas")) {
            ServiceMetadata metadata = ServiceMetadata.of(prefix);
            assertEquals("software.amazon.awssdk.regions.servicemetadata", metadata.getClass().getPackageName(),
                    prefix + ": " + metadata.getClass().getName());
        }
    }

    @Test
    void theProvider_shouldBeTheSdksOwn_fromTheRegionsJar() throws Exception {
        Path regionsJar = Path.of(ServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path provider = Path.of(GeneratedServiceMetadataProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(regionsJar.getFileName().toString().startsWith("regions-"), regionsJar.toString());
        assertEquals(regionsJar.getFileName().toString(), provider.getFileName().toString());
        // and the only copy on this JVM's classpath: no dependency order decides which one wins
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources(ENTRY));
        assertEquals(1, copies.size(), copies.toString());
    }

    @Test
    void theLaunchersClasspath_shouldHoldTheSdksProviderOnly() throws IOException {
        // the launcher (./crossfade) runs cli/target/classes plus this classpath file (this module's pom)
        List<String> holders = new ArrayList<>();
        String classpath = Files.readString(Path.of("target", "classpath.txt")).strip();
        for (String element : classpath.split(java.io.File.pathSeparator)) {
            Path path = Path.of(element);
            if (Files.isDirectory(path)) {
                if (Files.exists(path.resolve(ENTRY))) {
                    holders.add(element);
                }
            } else if (Files.isRegularFile(path)) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    if (zip.getEntry(ENTRY) != null) {
                        holders.add(element);
                    }
                }
            }
        }
        assertEquals(1, holders.size(), holders.toString());
        assertTrue(Path.of(holders.get(0)).getFileName().toString().startsWith("regions-"), holders.toString());
        assertTrue(Files.notExists(Path.of("target", "classes", ENTRY)));
    }
}
