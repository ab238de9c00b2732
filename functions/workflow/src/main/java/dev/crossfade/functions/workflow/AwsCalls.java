package dev.crossfade.functions.workflow;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Sorts AWS failures into the ones the state machine retries and the ones it must not. */
public final class AwsCalls {

    private AwsCalls() {}

    public static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw new TransientAwsException(what + " failed, retryable: " + e.awsErrorDetails().errorCode()
                        + " (HTTP " + e.statusCode() + ")", e);
            }
            throw e;
        } catch (SdkClientException e) {
            throw new TransientAwsException(what + " failed, retryable: " + e.getMessage(), e);
        }
    }

    public static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** No connection could be made: refused, no route, no such host, or the connect itself timed out. */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }
}
