package dev.crossfade.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Times every AWS call made through the clients it is attached to, from the SDK's first hook
 * ({@code beforeExecution}) to its last ({@code afterExecution}, or {@code onExecutionFailure}):
 * marshalling, signing, the HTTP round trip to the emulator and unmarshalling, retries included.
 * Each call notes the thread that made it (the SDK's synchronous clients run the hooks on the
 * caller's thread), so that a caller can sum the calls one invocation or one tick made. The drill
 * takes this time out of its recovery as the emulator's (docs/drill.md).
 */
public final class CallTimer implements ExecutionInterceptor {

    /** One call: the thread that made it, where it went, when it started (system clock), how long it took and whether it failed. */
    public record Call(long threadId, String service, String operation, String region, Instant start, long nanos, boolean failed) {
        public Instant end() {
            return start.plusNanos(nanos);
        }
    }

    private static final ExecutionAttribute<Instant> STARTED_AT = new ExecutionAttribute<>("crossfade.callTimer.startedAt");
    private static final ExecutionAttribute<Long> STARTED_NANOS = new ExecutionAttribute<>("crossfade.callTimer.startedNanos");
    private static final ExecutionAttribute<Long> THREAD = new ExecutionAttribute<>("crossfade.callTimer.thread");

    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(THREAD, Thread.currentThread().threadId());
        attributes.putAttribute(STARTED_AT, Instant.now());
        attributes.putAttribute(STARTED_NANOS, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, false);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, true);
    }

    private void record(ExecutionAttributes attributes, boolean failed) {
        Long started = attributes.getAttribute(STARTED_NANOS);
        if (started == null) { // a failure before beforeExecution ran: nothing was sent
            return;
        }
        calls.add(new Call(attributes.getAttribute(THREAD), attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), String.valueOf(attributes.getAttribute(AwsExecutionAttribute.AWS_REGION)),
                attributes.getAttribute(STARTED_AT), System.nanoTime() - started, failed));
    }

    /** Every call that ended so far, in the order they ended. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** The calls made on {@code threadId}. */
    public static List<Call> on(List<Call> calls, long threadId) {
        return calls.stream().filter(c -> c.threadId() == threadId).toList();
    }

    /** How much of the calls lies within {@code from} to {@code until}: each call clipped to that window, summed. */
    public static Duration within(List<Call> calls, Instant from, Instant until) {
        long nanos = 0;
        for (Call c : calls) {
            Instant start = c.start().isBefore(from) ? from : c.start();
            Instant end = c.end().isAfter(until) ? until : c.end();
            if (end.isAfter(start)) {
                nanos += Duration.between(start, end).toNanos();
            }
        }
        return Duration.ofNanos(nanos);
    }
}
