package dev.crossfade.functions.workflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;

/**
 * Records a finished run (any terminal status). Input: {@code {"status", "executionId",
 * "executionStartTime", "state"}} where state is the whole execution state.
 */
public final class RecordRunHandler implements RequestStreamHandler, Function<String, String> {

    private final AwsClients clients;
    private final WorkflowConfig config;

    public RecordRunHandler() {
        this(Defaults.clients(), Defaults.config());
    }

    public RecordRunHandler(AwsClients clients, WorkflowConfig config) {
        this.clients = Objects.requireNonNull(clients);
        this.config = Objects.requireNonNull(config);
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        out.write(apply(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String apply(String json) {
        JsonNode request = Json.read(json, JsonNode.class);
        JsonNode state = request.path("state");
        RunRecord run = RunRecord.of(config.application(), request.path("executionId").asText(),
                request.path("status").asText(), request.path("executionStartTime").asText(null), state);
        new RunRecorder(clients, config, state.path("to").asText()).record(run);
        return Json.write(java.util.Map.of("status", run.status(), "phases", run.phases().size()));
    }
}
