package dev.crossfade.functions.workflow.database;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.JsonStreamHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The guard's Lambda ({@link WriterGuard}), run by an EventBridge schedule every minute in each
 * region; the scheduled event's content is not read. Answers {@code {"action", "detail"}}; the
 * same line goes to the log, so a fence it applied is visible in the region's logs.
 */
public final class WriterGuardHandler extends JsonStreamHandler {

    private final WriterGuard guard;

    public WriterGuardHandler() {
        this(Defaults.clients(), Defaults.config(), Objects.requireNonNull(System.getenv("AWS_REGION"), "AWS_REGION"));
    }

    public WriterGuardHandler(AwsClients clients, WorkflowConfig config, String region) {
        super(clients, config, DatabaseServices.JAR);
        this.guard = new WriterGuard(clients, config, region);
    }

    @Override
    protected String handleJson(String json) {
        WriterGuard.Outcome outcome = guard.check(Instant.now());
        return Json.write(Map.of("action", outcome.action(), "detail", outcome.detail()));
    }
}
