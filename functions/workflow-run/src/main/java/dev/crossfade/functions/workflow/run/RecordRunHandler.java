package dev.crossfade.functions.workflow.run;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.Defaults;
import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.JsonStreamHandler;
import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.functions.workflow.state.WriterRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * Records a finished run (any terminal status) and writes the routing controls' desired state
 * the run leaves ({@link RoutingIntent}) and, when its target became the writer, the writer record
 * ({@link WriterRecord}). Input: {@code {"status", "executionId",
 * "executionStartTime", "state"}} where state is the whole execution state.
 */
public final class RecordRunHandler extends JsonStreamHandler {

    private final java.util.function.Consumer<String> metricLines;

    public RecordRunHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RecordRunHandler(AwsClients clients, WorkflowConfig config) {
        this(clients, config, line -> System.out.println(line));
    }

    /** @param metricLines where the run's embedded-metric-format lines go (Lambda: stdout, which CloudWatch Logs ships) */
    public RecordRunHandler(AwsClients clients, WorkflowConfig config, java.util.function.Consumer<String> metricLines) {
        super(clients, config, RunServices.JAR);
        this.metricLines = Objects.requireNonNull(metricLines);
    }

    @Override
    protected String handleJson(String json) {
        JsonValue request = Json.tree(json);
        JsonValue state = request.path("state");
        RunRecord run = RunRecord.of(config.application(), request.path("executionId").asText(),
                request.path("status").asText(), request.path("executionStartTime").asText(null), state);
        new RunRecorder(clients, config, state.path("to").asText(), metricLines).record(run);
        // before the lock is released: from then on each region's detector republishes these (RoutingIntent)
        Instant now = Instant.now();
        RoutingIntent.Written intents = new RoutingIntent(clients, config).write(RoutingIntent.of(state, config), run.executionId(), now);
        // the writer it leaves, for each region's WriterGuard: an old primary that comes back is fenced by its own region
        java.util.List<String> writerRecord = WriterRecord.of(state).map(writer -> {
            WriterRecord record = new WriterRecord(clients, config);
            return record.write(writer, WriterRecord.notFollowing(state.path("from").asText(), writer, record.read()), run.executionId(), now);
        }).orElse(java.util.List.of());
        return Json.write(java.util.Map.of("status", run.status(), "phases", run.phases().size(),
                "routingIntents", intents.intents(), "routingIntentsUnwritten", intents.unwritten(),
                "writerRecord", writerRecord));
    }
}
