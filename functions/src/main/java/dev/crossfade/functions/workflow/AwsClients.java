package dev.crossfade.functions.workflow;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * SDK clients per region, built once and reused across invocations. Fencing talks to the old
 * region, which may be down, so every call has a short overall timeout instead of the SDK's none.
 */
public final class AwsClients {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final SdkHttpClient http = UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(Duration.ofSeconds(10)).build();
    private final AwsCredentialsProvider credentials;
    private final Function<String, Optional<URI>> endpoints;
    private final List<ExecutionInterceptor> interceptors;
    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    /**
     * @param endpoints the endpoint override per region (empty = the real AWS endpoint); local
     *                  runs point every region at the emulator, tests point one region nowhere
     */
    public AwsClients(AwsCredentialsProvider credentials, Function<String, Optional<URI>> endpoints) {
        this(credentials, endpoints, List.of());
    }

    /** @param interceptors added to every client (fault injection in tests) */
    public AwsClients(AwsCredentialsProvider credentials, Function<String, Optional<URI>> endpoints,
                      List<ExecutionInterceptor> interceptors) {
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.interceptors = List.copyOf(interceptors);
    }

    /** For the Lambda runtime: default credentials; {@code CROSSFADE_AWS_ENDPOINT} redirects every region (local runs). */
    public static AwsClients fromEnv() {
        Optional<URI> endpoint = Optional.ofNullable(System.getenv("CROSSFADE_AWS_ENDPOINT"))
                .filter(s -> !s.isBlank()).map(URI::create);
        return new AwsClients(DefaultCredentialsProvider.builder().build(), region -> endpoint);
    }

    public CloudWatchClient cloudWatch(String region) {
        return client("cloudwatch", region, CloudWatchClient.builder());
    }

    public RdsClient rds(String region) {
        return client("rds", region, RdsClient.builder());
    }

    public EcsClient ecs(String region) {
        return client("ecs", region, EcsClient.builder());
    }

    public DynamoDbClient dynamoDb(String region) {
        return client("dynamodb", region, DynamoDbClient.builder());
    }

    public EventBridgeClient eventBridge(String region) {
        return client("events", region, EventBridgeClient.builder());
    }

    /** Global Accelerator's API answers only in us-west-2. */
    public GlobalAcceleratorClient globalAccelerator() {
        return client("globalaccelerator", "us-west-2", GlobalAcceleratorClient.builder());
    }

    /**
     * The pre-warm ({@link WarmUp}): builds, without any AWS call, the client of every service this
     * deployable carries (each workflow jar holds only its handlers' SDK services) for every region,
     * and Global Accelerator's when an accelerator is configured.
     *
     * @return the clients now built, as {@code service@region}
     */
    java.util.Set<String> prime(java.util.Collection<String> regions, boolean accelerator) {
        java.util.Set<String> built = new java.util.TreeSet<>();
        for (String region : regions) {
            if (carries("cloudwatch.CloudWatchClient")) { cloudWatch(region); built.add("cloudwatch@" + region); }
            if (carries("rds.RdsClient")) { rds(region); built.add("rds@" + region); }
            if (carries("ecs.EcsClient")) { ecs(region); built.add("ecs@" + region); }
            if (carries("dynamodb.DynamoDbClient")) { dynamoDb(region); built.add("dynamodb@" + region); }
            if (carries("eventbridge.EventBridgeClient")) { eventBridge(region); built.add("events@" + region); }
        }
        if (accelerator && carries("globalaccelerator.GlobalAcceleratorClient")) {
            globalAccelerator();
            built.add("globalaccelerator@us-west-2");
        }
        return built;
    }

    private static boolean carries(String client) {
        try {
            Class.forName("software.amazon.awssdk.services." + client, false, AwsClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // a service this jar leaves out (functions/pom.xml): its steps never call it
        }
    }

    @SuppressWarnings("unchecked")
    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(String service, String region, B builder) {
        return (C) clients.computeIfAbsent(service + "@" + region, key -> {
            builder.region(Region.of(region))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(ClientOverrideConfiguration.builder()
                            .apiCallTimeout(CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                            .executionInterceptors(interceptors).build());
            endpoints.apply(region).ifPresent(builder::endpointOverride);
            return builder.build();
        });
    }
}
