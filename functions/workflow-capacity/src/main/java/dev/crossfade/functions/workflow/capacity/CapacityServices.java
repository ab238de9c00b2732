package dev.crossfade.functions.workflow.capacity;

import dev.crossfade.functions.aws.AwsService;
import java.util.List;
import software.amazon.awssdk.services.ecs.EcsClient;

/** The services of the capacity jar: ECS only. */
public final class CapacityServices {

    public static final AwsService<EcsClient> ECS = AwsService.regional("ecs", EcsClient::builder);
    /** What this jar's step calls: what its warm-up builds. */
    public static final List<AwsService<?>> JAR = List.of(ECS);

    private CapacityServices() {}
}
