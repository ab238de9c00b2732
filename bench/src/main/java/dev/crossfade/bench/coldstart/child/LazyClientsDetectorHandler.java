package dev.crossfade.bench.coldstart.child;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.detect.DetectorConfig;
import dev.crossfade.functions.detect.EvaluateAlarmHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The lever "lazier client creation" (issue 17), measured, not deployed: the detector as its
 * Lambda constructor builds it, but with clients built on first use instead of primed at init
 * ({@code DetectorServices.primed}). Runs from the detector jar; only this class comes from the
 * launcher jar.
 */
public final class LazyClientsDetectorHandler implements RequestStreamHandler {

    private final EvaluateAlarmHandler detector;

    public LazyClientsDetectorHandler() {
        DetectorConfig config = DetectorConfig.fromEnv(System.getenv());
        detector = new EvaluateAlarmHandler(config, new AwsClients(DefaultCredentialsProvider.builder().build(), config.endpointOverride()),
                Clock.systemUTC());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        detector.handleRequest(input, output, context);
    }
}
