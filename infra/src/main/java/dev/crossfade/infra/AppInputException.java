package dev.crossfade.infra;

/**
 * An input the app needs and cannot find: the AWS account, the detector's jar. The message names
 * the input and how to provide it; {@link CrossfadeApp#main} ends with exit code 2 on it, like on a
 * bad topology.
 */
public final class AppInputException extends IllegalArgumentException {

    AppInputException(String message) {
        super(message);
    }
}
