package dev.crossfade.local.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.local.testutils.Trees;
import java.util.function.UnaryOperator;

/**
 * Shortens one retrier of the deployed definition (not the file): moto's interpreter really waits
 * {@code IntervalSeconds}, so a budget of minutes (VerifyTarget's 36 x 5 s) would make a scenario
 * take minutes. What happens when the budget runs out is unchanged, only when.
 */
final class RetryBudget {

    private RetryBudget() {}

    /** {@code state}'s retrier for {@code error} with 1 s intervals and {@code attempts} attempts. */
    static UnaryOperator<String> shorten(String state, String error, int attempts) {
        return definition -> {
            JsonNode root = Trees.read(definition);
            JsonNode retriers = root.path("States").path(state).path("Retry");
            for (JsonNode retrier : retriers) {
                for (JsonNode e : retrier.path("ErrorEquals")) {
                    if (e.asText().equals(error)) {
                        ((ObjectNode) retrier).put("IntervalSeconds", 1).put("MaxAttempts", attempts).put("BackoffRate", 1.0);
                        return root.toString();
                    }
                }
            }
            throw new IllegalArgumentException("no retrier for " + error + " in state " + state);
        };
    }
}
