package dev.crossfade.bench.criticalpath;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The success path of a failover through {@code statemachines/failover.asl.json}: walked from
 * {@code StartAt}, each transition taken from the definition ({@code Next}, a Choice's rules or
 * {@code Default}), the Choice branches resolved by the states a real execution entered. A state
 * added to the ASL is therefore on the path as soon as an execution enters it; a {@code Catch}
 * transition is refused (that is not the success path). The states inside a {@code Parallel}'s
 * branches (the run's pre-warm) are not steps of the path: the walk passes over them.
 */
public final class AslPath {

    /** A Lambda Task on the path: its state name and the function key of {@code ${<key>FunctionArn}}. */
    public record Step(String state, String functionKey) {}

    private static final Pattern FUNCTION = Pattern.compile("\\$\\{([A-Za-z0-9]+)FunctionArn}");

    private AslPath() {}

    /**
     * @param asl     the definition (placeholders not substituted)
     * @param entered the names of the states the execution entered, in order (GetExecutionHistory)
     * @return the Lambda Task states on the path, in order (a state entered twice appears twice)
     */
    public static List<Step> walk(String asl, List<String> entered) {
        JsonNode states;
        String start;
        try {
            JsonNode root = new ObjectMapper().readTree(asl);
            states = root.path("States");
            start = root.path("StartAt").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException("the ASL is not JSON", e);
        }
        if (start == null || entered.isEmpty() || !entered.get(0).equals(start)) {
            throw new IllegalArgumentException("the execution entered " + entered + " but the ASL starts at " + start);
        }
        Set<String> inBranches = new LinkedHashSet<>();
        states.forEach(state -> state.path("Branches").forEach(b -> b.path("States").fieldNames().forEachRemaining(inBranches::add)));
        entered = entered.stream().filter(name -> !inBranches.contains(name)).toList();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < entered.size(); i++) {
            String name = entered.get(i);
            JsonNode state = states.path(name);
            if (state.isMissingNode()) {
                throw new IllegalArgumentException("the execution entered " + name + ", which the ASL does not define");
            }
            if ("Task".equals(state.path("Type").asText())) {
                steps.add(new Step(name, functionKey(name, state)));
            }
            Set<String> allowed = successors(state);
            if (i + 1 == entered.size()) {
                boolean ends = state.path("End").asBoolean(false) || "Succeed".equals(state.path("Type").asText());
                if (!ends) {
                    throw new IllegalArgumentException("the execution stopped at " + name + ", which neither ends nor succeeds");
                }
            } else if (!allowed.contains(entered.get(i + 1))) {
                throw new IllegalArgumentException("the execution went from " + name + " to " + entered.get(i + 1)
                        + ", not a success transition of the ASL (allowed: " + allowed + ")");
            }
        }
        return steps;
    }

    private static Set<String> successors(JsonNode state) {
        Set<String> next = new LinkedHashSet<>();
        if (state.hasNonNull("Next")) {
            next.add(state.get("Next").asText());
        }
        state.path("Choices").forEach(c -> next.add(c.path("Next").asText()));
        if (state.hasNonNull("Default")) {
            next.add(state.get("Default").asText());
        }
        return next;
    }

    private static String functionKey(String name, JsonNode task) {
        String fn = task.path("Parameters").path("FunctionName").asText("");
        Matcher m = FUNCTION.matcher(fn);
        if (!m.matches()) {
            throw new IllegalArgumentException("Task " + name + " does not invoke a ${<key>FunctionArn} Lambda: " + fn);
        }
        return m.group(1);
    }
}
