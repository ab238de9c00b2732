package dev.crossfade.local.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;

/**
 * Fails the first {@code times} AWS calls made through the clients it is attached to, whatever the
 * service, as AWS would when it throttles, answers 5xx or does not answer in time. Attached to one
 * step's clients only, it puts the fault at that step.
 */
final class StepFault implements ExecutionInterceptor {

    enum Kind { THROTTLING, SERVER_ERROR, TIMEOUT }

    private final Kind kind;
    private final int times;
    private final AtomicInteger calls = new AtomicInteger();

    StepFault(Kind kind, int times) {
        this.kind = kind;
        this.times = times;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (calls.getAndIncrement() < times) {
            throw switch (kind) {
                case THROTTLING -> serviceError(400, "Throttling");
                case SERVER_ERROR -> serviceError(503, "ServiceUnavailable");
                case TIMEOUT -> ApiCallAttemptTimeoutException.create(1000);
            };
        }
    }

    private static AwsServiceException serviceError(int status, String code) {
        return AwsServiceException.builder().statusCode(status).message("injected " + code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).build()).build();
    }

    /** How many faults were injected. */
    int injected() {
        return Math.min(calls.get(), times);
    }

    /** How many calls were attempted, failed or not. */
    int calls() {
        return calls.get();
    }
}
