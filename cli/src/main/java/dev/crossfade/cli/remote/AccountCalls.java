package dev.crossfade.cli.remote;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** Turns the SDK's "cannot reach the account" failures into one error with a hint. */
final class AccountCalls {

    private AccountCalls() {}

    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkClientException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("credentials")) {
                throw new AwsAccessException("cannot " + what + ": no AWS credentials found. Hint: set AWS_PROFILE "
                        + "(after `aws sso login`) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where an "
                        + "instance or task role applies", e);
            }
            throw new AwsAccessException("cannot " + what + ": " + message
                    + " (check the network, or --endpoint-url / " + EndpointOption.ENV + ")", e);
        } catch (SfnException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.statusCode() == 403 || code.contains("AccessDenied") || code.contains("UnrecognizedClient")
                    || code.contains("ExpiredToken") || code.contains("InvalidSignature")) {
                throw new AwsAccessException("cannot " + what + ": " + code + ": " + e.awsErrorDetails().errorMessage()
                        + ". Hint: the credentials must allow states:StartExecution, DescribeExecution, "
                        + "GetExecutionHistory, ListExecutions, ListStateMachines and DescribeStateMachine", e);
            }
            throw e;
        }
    }
}
