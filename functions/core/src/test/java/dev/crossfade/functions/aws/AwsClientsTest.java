package dev.crossfade.functions.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The one client cache of every Lambda: per service and region, built without any AWS call (the
 * endpoint is a closed port: building a client never connects). DynamoDB stands in for any
 * service; it is on core's test classpath only.
 */
class AwsClientsTest {

    private static final AwsService<DynamoDbClient> REGIONAL = AwsService.regional("dynamodb", DynamoDbClient::builder);
    private static final AwsService<DynamoDbClient> HOMED = AwsService.homedIn("us-west-2", "homed", DynamoDbClient::builder);

    private final AwsClients clients = new AwsClients(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")),
            Optional.of(URI.create("http://127.0.0.1:1")));

    @Test
    void get_shouldBuildOneClientPerServiceAndRegion_andReuseIt() {
        DynamoDbClient east = clients.get(REGIONAL, "us-east-1");

        assertSame(east, clients.get(REGIONAL, "us-east-1"));
        assertNotSame(east, clients.get(REGIONAL, "eu-west-1"));
        assertEquals(Region.US_EAST_1, east.serviceClientConfiguration().region());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:1")), east.serviceClientConfiguration().endpointOverride());
    }

    @Test
    void everyClient_shouldCarryTheCallTimeouts() {
        var config = clients.get(REGIONAL, "eu-west-1").serviceClientConfiguration().overrideConfiguration();

        assertEquals(Optional.of(AwsClients.CALL_TIMEOUT), config.apiCallTimeout());
        assertEquals(Optional.of(AwsClients.ATTEMPT_TIMEOUT), config.apiCallAttemptTimeout());
    }

    @Test
    void aHomedService_shouldBeBuiltInItsHomeRegion_whateverRegionIsAsked() {
        DynamoDbClient homed = clients.get(HOMED);

        assertEquals(Region.US_WEST_2, homed.serviceClientConfiguration().region());
        assertSame(homed, clients.get(HOMED, "eu-west-1"));
        assertThrows(IllegalArgumentException.class, () -> clients.get(REGIONAL));
        assertThrows(NullPointerException.class, () -> clients.get(REGIONAL, null));
    }

    @Test
    void prime_shouldBuildEveryServiceInEveryRegion_andAHomedServiceOnce() {
        Set<String> built = clients.prime(List.of(REGIONAL, HOMED), List.of("us-east-1", "eu-west-1"));

        assertEquals(Set.of("dynamodb@us-east-1", "dynamodb@eu-west-1", "homed@us-west-2"), built);
        assertEquals(Region.EU_WEST_1, clients.get(REGIONAL, "eu-west-1").serviceClientConfiguration().region());
    }

    @Test
    void aServiceName_shouldBeAShortWord() {
        assertThrows(IllegalArgumentException.class, () -> AwsService.regional("dynamo@db", DynamoDbClient::builder));
        assertThrows(IllegalArgumentException.class, () -> AwsService.regional(" ", DynamoDbClient::builder));
    }
}
