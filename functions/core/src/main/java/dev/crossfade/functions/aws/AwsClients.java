package dev.crossfade.functions.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * The SDK clients of every Lambda (the detector and the workflow's steps), per service and region,
 * built once and reused across invocations. All share one url-connection HTTP client (small, fast
 * to start) and the same call timeouts: a failover talks to a region that may be gone, so every
 * call has a short overall timeout instead of the SDK's none. Which services a deployable can
 * call is which {@link AwsService} constants its modules declare (docs/architecture.md).
 */
public final class AwsClients {

    /** A whole call, retries included. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    /** One attempt of a call. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10)).build();
    private final AwsCredentialsProvider credentials;
    private final Function<String, Optional<URI>> endpoints;
    private final List<ExecutionInterceptor> interceptors;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoints the endpoint override per region (empty = the real AWS endpoint); local
     *                  runs point every region at the emulator, tests point one region nowhere
     */
    public AwsClients(AwsCredentialsProvider credentials, Function<String, Optional<URI>> endpoints) {
        this(credentials, endpoints, List.of());
    }

    /** One endpoint override for every region (or none). */
    public AwsClients(AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        this(credentials, region -> endpoint, List.of());
    }

    /** @param interceptors added to every client (fault injection in tests) */
    public AwsClients(AwsCredentialsProvider credentials, Function<String, Optional<URI>> endpoints,
                      List<ExecutionInterceptor> interceptors) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.interceptors = List.copyOf(interceptors);
    }

    /** For the Lambda runtime: default credentials; {@code CROSSFADE_AWS_ENDPOINT} redirects every region (local runs). */
    public static AwsClients fromEnv() {
        Optional<URI> endpoint = Optional.ofNullable(System.getenv("CROSSFADE_AWS_ENDPOINT"))
                .filter(s -> !s.isBlank()).map(URI::create);
        return new AwsClients(DefaultCredentialsProvider.builder().build(), endpoint);
    }

    /** The service's client for a region (a service homed in one region ignores {@code region}). */
    public <C extends SdkClient> C get(AwsService<C> service, String region) {
        String in = service.homeRegion().orElseGet(() -> Objects.requireNonNull(region, "region"));
        SdkClient client = clients.computeIfAbsent(service.name() + "@" + in, key -> build(service, in));
        @SuppressWarnings("unchecked") // the key's service name fixes the client type
        C typed = (C) client;
        return typed;
    }

    /** The client of a service homed in one region (Global Accelerator). */
    public <C extends SdkClient> C get(AwsService<C> homed) {
        if (homed.homeRegion().isEmpty()) {
            throw new IllegalArgumentException(homed.name() + " is a regional service: name the region");
        }
        return get(homed, null);
    }

    /**
     * Builds, without any AWS call, the clients of the given services in every region (a service
     * homed in one region once, there), so that the first event finds them built: the workflow's
     * pre-warm and SnapStart priming, the detector's init.
     *
     * @return the clients now built, as {@code service@region}
     */
    public Set<String> prime(Collection<? extends AwsService<?>> services, Collection<String> regions) {
        Set<String> built = new TreeSet<>();
        for (AwsService<?> service : services) {
            if (service.homeRegion().isPresent()) {
                get(service, null);
                built.add(service.name() + "@" + service.homeRegion().get());
                continue;
            }
            for (String region : regions) {
                get(service, region);
                built.add(service.name() + "@" + region);
            }
        }
        return built;
    }

    private <C extends SdkClient> C build(AwsService<C> service, String region) {
        AwsClientBuilder<?, C> builder = service.builder().get();
        builder.region(Region.of(region)).credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                        .executionInterceptors(interceptors).build());
        ((SdkSyncClientBuilder<?, ?>) builder).httpClient(http);
        endpoints.apply(region).ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
