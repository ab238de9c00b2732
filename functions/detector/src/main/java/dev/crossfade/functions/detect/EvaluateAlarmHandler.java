package dev.crossfade.functions.detect;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.crossfade.decision.DecisionJson;
import dev.crossfade.functions.aws.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The detector Lambda: EventBridge delivers CloudWatch alarm state changes and scheduled ticks;
 * the answer is the decision JSON. It reads the raw stream (not a typed event) so that a
 * malformed event reaches our parser and is answered NONE, instead of failing in the runtime's
 * deserializer and being retried by EventBridge.
 */
public final class EvaluateAlarmHandler implements RequestStreamHandler {

    private static final int READ_LIMIT = 1024 * 1024;
    private final AlarmEvaluator evaluator;
    // held here: CRaC keeps registered resources only weakly
    private DetectorPriming priming;

    /** Lambda runtime: configuration and clients built once, at init (and snapshotted by SnapStart). */
    public EvaluateAlarmHandler() {
        this(DetectorConfig.fromEnv(System.getenv()), null);
    }

    private EvaluateAlarmHandler(DetectorConfig config, AwsClients clients) {
        this(config, clients != null ? clients : DetectorServices.primed(new AwsClients(DefaultCredentialsProvider.builder().build(), config.endpointOverride()), config), Clock.systemUTC());
        this.priming = DetectorPriming.register(config.deployment());
    }

    public EvaluateAlarmHandler(DetectorConfig config, AwsClients clients, Clock clock) {
        this(config, clients, clock, System.out);
    }

    /** @param logs where the structured log and the embedded-format metrics go (Lambda: stdout) */
    public EvaluateAlarmHandler(DetectorConfig config, AwsClients clients, Clock clock, java.io.PrintStream logs) {
        Objects.requireNonNull(config);
        Objects.requireNonNull(clients);
        JsonLog log = new JsonLog(logs);
        this.evaluator = new AlarmEvaluator(config,
                new StateStore(clients, config.stateTable(), config.region()),
                new WorkflowStarter(clients, config),
                new ReplicaLagReader(clients, config),
                new DecisionPublisher(clients, config, log),
                new AlarmStateReader(clients, config),
                log,
                clock,
                config.workflowStateTable().map(table -> new RoutingRepublisher(clients, config, table)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] payload = input.readNBytes(READ_LIMIT);
        output.write(DecisionJson.toJson(evaluator.evaluate(payload)).toString().getBytes(StandardCharsets.UTF_8));
    }
}
