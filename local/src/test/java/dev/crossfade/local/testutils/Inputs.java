package dev.crossfade.local.testutils;

import dev.crossfade.functions.workflow.Json;
import dev.crossfade.functions.workflow.StepInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Workflow inputs from the sample files in test resources {@code dev/crossfade/functions/workflow/inputs/}. */
public final class Inputs {

    private Inputs() {}

    public static String json(String name) {
        try (InputStream in = Objects.requireNonNull(Inputs.class.getResourceAsStream("/dev/crossfade/functions/workflow/inputs/" + name), () -> "no sample input " + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workflow input like the samples', for any pair of regions. */
    public static String of(String mode, String from, String to, String incidentId) {
        return "{\"mode\":\"" + mode + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"reason\":\"" + from
                + " unhealthy (test)\",\"incidentId\":\"" + incidentId + "\"}";
    }

    /** The sample as a step sees it, inside execution {@code executionId}. */
    public static StepInput step(String name, String executionId) {
        StepInput input = Json.read(json(name), StepInput.class);
        return new StepInput(input.mode(), input.from(), input.to(), input.reason(), input.incidentId(), executionId, null);
    }
}
