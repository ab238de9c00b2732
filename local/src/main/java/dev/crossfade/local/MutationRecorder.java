package dev.crossfade.local;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every mutating AWS call that reached the emulator through the clients it is attached
 * to (reads, {@code Describe*}/{@code Get*}/{@code List*}/{@code Scan}/{@code Query}, are left
 * out): service, action and region, once each, in the order first made.
 */
public final class MutationRecorder implements ExecutionInterceptor {

    /** One mutating call, e.g. rds PromoteReadReplica in eu-west-1. */
    public record Mutation(String service, String action, String region) {}

    private final Set<Mutation> mutations = new LinkedHashSet<>();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String action = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (action == null || action.matches("(Describe|Get|List|Scan|Query|BatchGet).*")) {
            return;
        }
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String region = String.valueOf(attributes.getAttribute(AwsExecutionAttribute.AWS_REGION));
        synchronized (mutations) {
            mutations.add(new Mutation(service == null ? "unknown" : service.toLowerCase(java.util.Locale.ROOT), action, region));
        }
    }

    public List<Mutation> mutations() {
        synchronized (mutations) {
            return new ArrayList<>(mutations);
        }
    }
}
