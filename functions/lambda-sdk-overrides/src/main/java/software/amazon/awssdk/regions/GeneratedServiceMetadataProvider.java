package software.amazon.awssdk.regions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.EcsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.EventsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.GlobalacceleratorServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.MonitoringServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.RdsServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.StatesServiceMetadata;

/**
 * Replaces, in the Lambda jars only, the SDK's class of the same name (the {@code regions} artifact's
 * copy is filtered out by shade, functions/pom.xml). It lives in its own module, which each deployable
 * declares optional, so it never reaches the plain classpaths of local/, cli/ and bench/: the CLI calls
 * real AWS with many more services and keeps the SDK's full metadata. The SDK's builds, on the first client built, a map
 * of every AWS service's metadata, loading and initializing about 316 {@code servicemetadata} classes
 * (issue 17, BENCHMARKS.md section 1), although a client asks for its own service only, for its signing
 * region ({@code AwsDefaultClientBuilder.resolveSigningRegion}). This one builds, on demand, the
 * metadata of the services the Lambda jars call (their {@code AwsService} constants; a test per module
 * checks they are here) with the SDK's own generated classes, so those answer exactly as before. Any
 * other service gets {@code null}, which {@link ServiceMetadata#of} answers with its
 * {@code DefaultServiceMetadata}, as the SDK does for a service its map lacks.
 *
 * <p>{@code MetadataLoader} instantiates this class by name; its contract is the public
 * {@link ServiceMetadataProvider}.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    private static final Map<String, ServiceMetadata> BUILT = new ConcurrentHashMap<>();

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        // computeIfAbsent stores nothing for null: an unknown prefix stays unknown
        return BUILT.computeIfAbsent(endpointPrefix, GeneratedServiceMetadataProvider::generated);
    }

    /** The SDK's generated metadata of a service the Lambda jars call, keyed by its endpoint prefix ({@code XxxClient.SERVICE_METADATA_ID}). */
    static ServiceMetadata generated(String endpointPrefix) {
        return switch (endpointPrefix) {
            case "dynamodb" -> new DynamodbServiceMetadata();
            case "states" -> new StatesServiceMetadata();
            case "monitoring" -> new MonitoringServiceMetadata();
            case "events" -> new EventsServiceMetadata();
            case "rds" -> new RdsServiceMetadata();
            case "globalaccelerator" -> new GlobalacceleratorServiceMetadata();
            case "ecs" -> new EcsServiceMetadata();
            default -> null;
        };
    }
}
