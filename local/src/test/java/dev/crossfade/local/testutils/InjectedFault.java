package dev.crossfade.local.testutils;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.rds.model.RdsException;

/**
 * Fails the first {@code times} calls of one RDS request type with an AWS error before they leave
 * the SDK, as a throttled or refusing RDS would answer; later calls go through to the emulator.
 */
public final class InjectedFault implements ExecutionInterceptor {

    private final Class<? extends SdkRequest> request;
    private final int times;
    private final int status;
    private final String code;
    private final AtomicInteger failed = new AtomicInteger();

    private InjectedFault(Class<? extends SdkRequest> request, int times, int status, String code) {
        this.request = request;
        this.times = times;
        this.status = status;
        this.code = code;
    }

    public static InjectedFault throttle(Class<? extends SdkRequest> request, int times) {
        return new InjectedFault(request, times, 400, "Throttling");
    }

    public static InjectedFault refuse(Class<? extends SdkRequest> request, String code) {
        return new InjectedFault(request, Integer.MAX_VALUE, 400, code);
    }

    /** Every call of that type fails as a refused connection would, while the service's other calls go through. */
    public static InjectedFault unreachable(Class<? extends SdkRequest> request) {
        return new InjectedFault(request, Integer.MAX_VALUE, 0, "connection refused");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (request.isInstance(context.request()) && failed.getAndIncrement() < times) {
            if (status == 0) {
                throw SdkClientException.create("Unable to execute HTTP request: injected", new ConnectException("Connection refused"));
            }
            throw RdsException.builder().statusCode(status).message("injected " + code)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).serviceName("Rds").build())
                    .build();
        }
    }

    /** How many calls were attempted, failed or not. */
    public int calls() {
        return failed.get();
    }
}
