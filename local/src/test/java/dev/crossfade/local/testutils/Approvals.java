package dev.crossfade.local.testutils;

import dev.crossfade.emulator.Poll;
import dev.crossfade.local.WorkflowHarness;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/** The approval step's request, captured from the real handler, and the task token a person answers. */
public final class Approvals {

    private Approvals() {}

    /** Wraps the RequestApproval handler so the request it was given is kept; it still runs. */
    public static AtomicReference<String> capture(Map<String, Function<String, String>> handlers) {
        AtomicReference<String> captured = new AtomicReference<>();
        WorkflowHarness.wrap(handlers, "RequestApproval", real -> json -> {
            String result = real.apply(json);
            captured.set(json);
            return result;
        });
        return captured;
    }

    /** Waits for the workflow to ask for approval and returns the task token to answer with. */
    public static String awaitToken(AtomicReference<String> request) {
        String json = Poll.until(Duration.ofSeconds(60), request::get, r -> r != null);
        return Trees.read(json).path("taskToken").asText();
    }
}
