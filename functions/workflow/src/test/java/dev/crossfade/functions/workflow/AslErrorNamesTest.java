package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.json.JsonCodec;
import dev.crossfade.functions.json.JsonValue;
import dev.crossfade.functions.workflow.testutils.RepoRoot;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ASL names the handlers' exceptions by their full class names; Lambda reports a thrown
 * exception's class name as the error, and a Retry or Catch matches it by string. A rename would
 * silently disable that Retry or Catch, so this resolves every name against the code, and checks the
 * other direction: every exception a step may throw is named where the workflow expects it, or
 * listed below with the reason it is left to a catch-all.
 */
class AslErrorNamesTest {

    private static final Path ASL = RepoRoot.path().resolve("statemachines/failover.asl.json");
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "crossfade", "functions", "workflow");

    /** Thrown by steps, caught on purpose only by a {@code States.ALL} catch; why that is enough. */
    private static final Map<String, String> LEFT_TO_CATCH_ALL = Map.of(
            FencingFailedException.class.getName(), "FenceOldPrimary's States.ALL catch goes to FencingNotConfirmed, which undoes"
                    + " the fence and stops the run; every fencing failure ends the same way",
            ReplicationNotReadyException.class.getName(), "thrown when a replica cannot be (re)built: in a failback"
                    + " RebuildReplication's States.ALL catch goes to MarkAborted (nothing was promoted); after a failover"
                    + " RebuildReplicas' goes to PromotionConfirmed (the new writer stands; the replica is reported, not retried)");

    private static final Map<String, Set<String>> namedByState = new TreeMap<>();
    /** Task states that no States.ALL catch of their own or of an enclosing Parallel / Map covers, by function. */
    private static final List<String> uncovered = new ArrayList<>();
    private static int taskCount;

    @BeforeAll
    static void readAsl() throws IOException {
        collect(JsonCodec.parse(Files.readString(ASL)).get("States"), false);
    }

    private static boolean catchesAll(JsonValue state) {
        return state.path("Catch").elements().stream()
                .anyMatch(c -> c.path("ErrorEquals").elements().stream().anyMatch(e -> "States.ALL".equals(e.asText())));
    }

    /** @param enclosingCatchesAll a Parallel or Map around these states catches every error of its branches */
    private static void collect(JsonValue states, boolean enclosingCatchesAll) {
        states.fields().forEach((name, state) -> {
            boolean covered = enclosingCatchesAll || catchesAll(state);
            if ("Task".equals(state.path("Type").asText(""))) {
                taskCount++;
                if (!covered) {
                    uncovered.add(name + " (" + state.path("Parameters").path("FunctionName").asText("?") + ")");
                }
                Set<String> names = new TreeSet<>();
                Stream.concat(state.path("Retry").elements().stream(), state.path("Catch").elements().stream())
                        .forEach(rule -> rule.path("ErrorEquals").elements().forEach(e -> names.add(e.asText())));
                namedByState.put(name, names);
            }
            state.path("Branches").elements().forEach(b -> collect(b.get("States"), covered));
            if (state.has("Iterator")) {
                collect(state.get("Iterator").get("States"), covered);
            }
            if (state.has("ItemProcessor")) {
                collect(state.get("ItemProcessor").get("States"), covered);
            }
        });
    }

    @Test
    void everyCrossfadeErrorName_shouldResolveToAThrowableOfTheHandlers() {
        List<String> unresolved = new ArrayList<>();
        namedByState.forEach((state, names) -> names.stream().filter(n -> n.startsWith("dev.crossfade.")).forEach(n -> {
            try {
                Class<?> type = Class.forName(n);
                if (!Throwable.class.isAssignableFrom(type)) {
                    unresolved.add(state + ": " + n + " is not a Throwable");
                }
            } catch (ClassNotFoundException e) {
                unresolved.add(state + ": " + n + " is no class of the functions");
            }
        }));
        assertTrue(namedByState.size() > 10, "the ASL's task states were read: " + namedByState.keySet());
        assertEquals(List.of(), unresolved);
    }

    @Test
    void everyTask_shouldCatchWhatItsRetriesDoNot() {
        assertTrue(taskCount > 10, "the ASL's task states were read: " + taskCount);
        // a task inside a Parallel branch (the pre-warm) is covered by the Parallel's own catch-all
        assertEquals(List.of(), uncovered, "tasks whose errors could end the execution without releasing the lock");
    }

    @Test
    void everyWorkflowException_shouldBeNamedInTheAsl_orLeftToACatchAllForAStatedReason() throws Exception {
        Set<String> named = new TreeSet<>();
        namedByState.values().forEach(named::addAll);
        List<String> missing = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("Exception.java")).sorted().toList()) {
                String name = WorkflowException.class.getPackageName() + "." + file.getFileName().toString().replace(".java", "");
                Class<?> type = Class.forName(name);
                if (!WorkflowException.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                if (!named.contains(name) && !LEFT_TO_CATCH_ALL.containsKey(name)) {
                    missing.add(name);
                }
                if (named.contains(name) && LEFT_TO_CATCH_ALL.containsKey(name)) {
                    stale.add(name + " is named in the ASL now: take it off LEFT_TO_CATCH_ALL");
                }
            }
        }
        LEFT_TO_CATCH_ALL.keySet().forEach(n -> {
            try {
                Class.forName(n);
            } catch (ClassNotFoundException e) {
                stale.add(n + " no longer exists");
            }
        });
        assertEquals(List.of(), missing, "workflow exceptions that no Retry or Catch names");
        assertEquals(List.of(), stale);
    }
}
