package dev.crossfade.cli.remote;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * One Step Functions client per region, all on one HTTP client. Each region's calls go to that
 * region's own endpoint (the data plane of the region being activated), unless an endpoint
 * override sends them all to an emulator.
 */
public final class SfnClients implements AutoCloseable {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final Map<String, SfnClient> clients = new ConcurrentHashMap<>();

    public SfnClients(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /** The default credential chain (env, profile, SSO, container, instance role). */
    public static SfnClients withDefaultCredentials(Optional<URI> endpoint) {
        return new SfnClients(DefaultCredentialsProvider.builder().build(), endpoint);
    }

    public SfnClient in(String region) {
        return clients.computeIfAbsent(region, r -> {
            var builder = SfnClient.builder().region(Region.of(r)).credentialsProvider(credentials).httpClient(http);
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }

    public boolean emulated() {
        return endpoint.isPresent();
    }

    @Override
    public void close() {
        clients.values().forEach(SfnClient::close);
        http.close();
    }
}
