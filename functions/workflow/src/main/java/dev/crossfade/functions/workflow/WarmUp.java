package dev.crossfade.functions.workflow;

import dev.crossfade.functions.aws.AwsClients;
import dev.crossfade.functions.aws.AwsService;
import dev.crossfade.functions.json.JsonValue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pre-warm event: the failover workflow's first state invokes every step's function
 * asynchronously with {@link #EVENT} the moment a run starts, so that the run meets warm functions
 * instead of paying one cold start per step in sequence (BENCHMARKS.md section 6). A step answers
 * it at once: it builds its SDK clients and loads its JSON classes, and makes no AWS call.
 */
public final class WarmUp {

    /** The one field of the warm-up event. */
    public static final String FIELD = "crossfadeWarmUp";
    /** The event the state machine's PreWarm state sends (the ASL holds the same JSON). */
    public static final String EVENT = "{\"" + FIELD + "\":true}";

    /** What a step answers to the warm-up event: its SDK clients built, by service@region. */
    public record Answer(boolean warmedUp, Set<String> clients) {}

    private WarmUp() {}

    /** True for the warm-up event only: an object whose {@code crossfadeWarmUp} is {@code true}. */
    public static boolean is(String json) {
        if (json == null || !json.contains(FIELD)) {
            return false; // a step's own input: never parsed twice
        }
        JsonValue tree;
        try {
            tree = Json.tree(json);
        } catch (RuntimeException e) {
            return false; // not JSON: the step's own parsing names the problem
        }
        return tree.isObject() && tree.path(FIELD).isBoolean() && tree.path(FIELD).asBoolean();
    }

    /**
     * Primes a step without calling AWS: builds the client of every service its jar carries
     * ({@code services}) for every region of the topology (a service homed in one region there, and
     * only when the topology has an accelerator: Global Accelerator is the one such service), and reads and writes a step input, so the
     * first real event finds the clients built and the JSON binding loaded.
     */
    static Answer prime(AwsClients clients, WorkflowConfig config, List<AwsService<?>> services) {
        Set<String> built = new LinkedHashSet<>();
        if (clients != null && config != null) {
            built.addAll(clients.prime(services.stream()
                    .filter(s -> s.homeRegion().isEmpty() || config.acceleratorArn().isPresent()).toList(),
                    config.regions().keySet()));
            String[] regions = config.regions().keySet().toArray(String[]::new);
            if (regions.length >= 2) {
                StepInput sample = new StepInput("failover", regions[0], regions[1], "warm-up", "warm-up", "warm-up", null);
                Json.read(Json.write(sample), StepInput.class).validated();
            }
        }
        return new Answer(true, built);
    }

    static String answer(Answer answer) {
        return Json.write(Map.of("warmedUp", answer.warmedUp(), "clients", answer.clients()));
    }
}
