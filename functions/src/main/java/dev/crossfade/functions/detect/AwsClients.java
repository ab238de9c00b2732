package dev.crossfade.functions.detect;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * SDK clients per region, built once and reused across invocations: one url-connection HTTP
 * client (small, fast to start), an optional endpoint override for local emulation.
 */
public final class AwsClients {

    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpoint;
    private final Map<String, Object> cache = new ConcurrentHashMap<>();

    public AwsClients(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this.credentials = credentials;
        this.endpoint = endpoint;
    }

    public static AwsClients forLambda(Optional<URI> endpoint) {
        return new AwsClients(DefaultCredentialsProvider.builder().build(), endpoint);
    }

    /**
     * Builds, at init, every client an event can need: the four home-region clients, and in each
     * other enabled region the ones a failover to it calls (state write, workflow start, replica
     * lag). Lazy building would put SDK class loading and client construction into the first
     * event, and outside a SnapStart snapshot.
     */
    public AwsClients primed(DetectorConfig config) {
        events(config.region());
        for (String region : regions(config)) {
            dynamo(region);
            sfn(region);
            cloudWatch(region);
        }
        return this;
    }

    private static Set<String> regions(DetectorConfig config) {
        Set<String> regions = new LinkedHashSet<>();
        regions.add(config.region());
        config.deployment().regions().forEach(r -> regions.add(r.name()));
        return regions;
    }

    public DynamoDbClient dynamo(String region) {
        return get("dynamodb:" + region, () -> configure(DynamoDbClient.builder(), region).build());
    }

    public SfnClient sfn(String region) {
        return get("sfn:" + region, () -> configure(SfnClient.builder(), region).build());
    }

    public CloudWatchClient cloudWatch(String region) {
        return get("cloudwatch:" + region, () -> configure(CloudWatchClient.builder(), region).build());
    }

    public EventBridgeClient events(String region) {
        return get("events:" + region, () -> configure(EventBridgeClient.builder(), region).build());
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
            & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>> B configure(B builder, String region) {
        builder.httpClient(http).credentialsProvider(credentials).region(Region.of(region));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    @SuppressWarnings("unchecked")
    private <T> T get(String key, java.util.function.Supplier<T> create) {
        return (T) cache.computeIfAbsent(key, k -> create.get());
    }
}
