package dev.crossfade.functions.workflow;

import java.time.Instant;

/** Phase timestamps as ISO-8601 strings (Step Functions passes strings; moto cannot serialize dates). */
public final class Timestamps {

    private Timestamps() {}

    public static String now() {
        return Instant.now().toString();
    }

    /** The state's entry time when the state machine passed it, else now. */
    public static String startOf(StepInput input) {
        return input.enteredAt() == null || input.enteredAt().isBlank() ? now() : input.enteredAt();
    }
}
