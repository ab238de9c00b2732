package dev.crossfade.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Records the name of every AWS API the handlers call (e.g. {@code PromoteReadReplica}). */
public final class CallRecorder implements ExecutionInterceptor {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(context.request().getClass().getSimpleName().replaceFirst("Request$", ""));
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }
}
