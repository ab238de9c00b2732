package dev.crossfade.functions.aws;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;

/**
 * One AWS service a deployable calls: its name (the key of {@link AwsClients}' cache and of a
 * warm-up answer, {@code name@region}) and the SDK builder of its synchronous client. The module
 * that declares the service's SDK artifact in its pom declares its {@code AwsService} constant, so
 * a jar can only build the clients it carries.
 *
 * @param name        short service name, e.g. {@code rds}; constants of two modules with the same
 *                    name (the detector's and the workflow's {@code dynamodb}) share one cached
 *                    client, so they must name the same client type
 * @param builder     the SDK's {@code XxxClient::builder}
 * @param homeRegion  the one region whose endpoint serves the service's API wherever it is called
 *                    from (Global Accelerator: us-west-2), or empty for a regional service
 * @param <C>         the client type
 */
public record AwsService<C extends SdkClient>(String name, Supplier<? extends AwsClientBuilder<?, C>> builder,
                                              Optional<String> homeRegion) {

    public AwsService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(homeRegion, "homeRegion");
        if (name.isBlank() || name.contains("@")) {
            throw new IllegalArgumentException("a service name is a short word without '@', got '" + name + "'");
        }
    }

    /** A regional service: its client is built per region. */
    public static <C extends SdkClient> AwsService<C> regional(String name, Supplier<? extends AwsClientBuilder<?, C>> builder) {
        return new AwsService<>(name, builder, Optional.empty());
    }

    /** A service whose API answers in one region only, wherever its resources are. */
    public static <C extends SdkClient> AwsService<C> homedIn(String region, String name,
                                                              Supplier<? extends AwsClientBuilder<?, C>> builder) {
        return new AwsService<>(name, builder, Optional.of(region));
    }
}
