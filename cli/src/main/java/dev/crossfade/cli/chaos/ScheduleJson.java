package dev.crossfade.cli.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.cli.drill.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The schedule file (docs/cli.md "Chaos schedules"): {@code {"steps": [STEP, ...]}} where a STEP is
 * {@code {"fault": KIND, "region": R}} (a partition may add {@code "peer": R}), {@code {"heal": R}}
 * or {@code {"heal": "all"}}, {@code {"wait": SECONDS}}, {@code {"await": "settled"}}. Anything else
 * is a {@link ScheduleException} naming the file and the step.
 */
public final class ScheduleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScheduleJson() {}

    /** A schedule's file is bad: its message names the file and, where it applies, the step (1-based). */
    public static final class ScheduleException extends RuntimeException {
        public ScheduleException(String message) {
            super(message);
        }
    }

    public static Schedule read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScheduleException("schedule file " + file + " cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** @param source what to name in errors (the file) */
    public static Schedule parse(String text, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScheduleException("schedule file " + source + " is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("steps").isArray()) {
            throw new ScheduleException("schedule file " + source + ": expected {\"steps\": [STEP, ...]}");
        }
        Iterator<String> fields = root.fieldNames();
        while (fields.hasNext()) {
            String f = fields.next();
            if (!f.equals("steps")) {
                throw new ScheduleException("schedule file " + source + ": unknown key \"" + f + "\" (only \"steps\")");
            }
        }
        List<Schedule.Step> steps = new ArrayList<>();
        int n = 0;
        for (JsonNode node : root.path("steps")) {
            n++;
            steps.add(step(node, source, n));
        }
        return new Schedule(steps);
    }

    private static Schedule.Step step(JsonNode node, String source, int n) {
        String where = "schedule file " + source + ", step " + n + " " + node + ": ";
        if (!node.isObject()) {
            throw new ScheduleException(where + "a step is an object");
        }
        if (node.has("fault")) {
            only(node, where, Set.of("fault", "region", "peer"));
            String kind = text(node, "fault", where);
            Fault fault = Fault.of(kind).orElseThrow(() -> new ScheduleException(where + "\"" + kind + "\" is not a fault kind; kinds: "
                    + Fault.keys()));
            String region = text(node, "region", where);
            Optional<String> peer = Optional.empty();
            if (node.has("peer")) {
                if (fault != Fault.PARTITION) {
                    throw new ScheduleException(where + "only a partition takes a \"peer\"");
                }
                peer = Optional.of(text(node, "peer", where));
                if (peer.get().equals(region)) {
                    throw new ScheduleException(where + "a partition's peer must be another region than " + region);
                }
            }
            return new Schedule.Inject(fault, region, peer);
        }
        if (node.has("heal")) {
            only(node, where, Set.of("heal"));
            String region = text(node, "heal", where);
            return region.equals(Schedule.Heal.ALL) ? Schedule.Heal.all() : Schedule.Heal.of(region);
        }
        if (node.has("failback")) {
            only(node, where, Set.of("failback"));
            return new Schedule.Failback(text(node, "failback", where));
        }
        if (node.has("wait")) {
            only(node, where, Set.of("wait"));
            JsonNode s = node.get("wait");
            if (!s.canConvertToLong() || !s.isIntegralNumber() || s.asLong() < 0) {
                throw new ScheduleException(where + "\"wait\" takes a whole number of seconds >= 0");
            }
            return new Schedule.Wait(s.asLong());
        }
        if (node.has("await")) {
            only(node, where, Set.of("await"));
            if (!"settled".equals(node.get("await").asText(null))) {
                throw new ScheduleException(where + "\"await\" takes only \"settled\"");
            }
            return new Schedule.AwaitSettled();
        }
        throw new ScheduleException(where + "expected one of {\"fault\": KIND, \"region\": R}, {\"heal\": R|\"all\"}, "
                + "{\"wait\": SECONDS}, {\"await\": \"settled\"}, {\"failback\": R}");
    }

    private static void only(JsonNode node, String where, Set<String> allowed) {
        node.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw new ScheduleException(where + "unknown key \"" + f + "\" (allowed here: " + allowed.stream().sorted().toList() + ")");
            }
        });
    }

    private static String text(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new ScheduleException(where + "\"" + key + "\" must be a non-empty string");
        }
        return v.asText();
    }

    /** Every region a schedule names must be an enabled region of the topology. */
    public static void checkRegions(Schedule schedule, List<String> regions, String source) {
        for (int i = 0; i < schedule.steps().size(); i++) {
            Schedule.Step s = schedule.steps().get(i);
            List<String> named = switch (s) {
                case Schedule.Inject f -> f.peer().map(p -> List.of(f.region(), p)).orElse(List.of(f.region()));
                case Schedule.Heal h -> h.region().map(List::of).orElse(List.of());
                case Schedule.Failback f -> List.of(f.region());
                default -> List.of();
            };
            for (String r : named) {
                if (!regions.contains(r)) {
                    throw new ScheduleException("schedule file " + source + ", step " + (i + 1) + " " + step(s) + ": " + r
                            + " is not an enabled region of the topology; enabled: " + regions);
                }
            }
        }
    }

    public static ObjectNode step(Schedule.Step step) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        switch (step) {
            case Schedule.Inject f -> {
                o.put("fault", f.fault().key());
                o.put("region", f.region());
                f.peer().ifPresent(p -> o.put("peer", p));
            }
            case Schedule.Heal h -> o.put("heal", h.region().orElse(Schedule.Heal.ALL));
            case Schedule.Wait w -> o.put("wait", w.seconds());
            case Schedule.AwaitSettled a -> o.put("await", "settled");
            case Schedule.Failback f -> o.put("failback", f.region());
        }
        return o;
    }

    /** The file form: one step per line, so that a shrunk schedule reads at a glance. */
    public static String write(Schedule schedule) {
        StringBuilder b = new StringBuilder("{\"steps\": [\n");
        for (int i = 0; i < schedule.steps().size(); i++) {
            b.append("  ").append(step(schedule.steps().get(i))).append(i + 1 < schedule.steps().size() ? ",\n" : "\n");
        }
        return b.append("]}\n").toString();
    }

    public static ArrayNode array(Schedule schedule) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        schedule.steps().forEach(s -> a.add(step(s)));
        return a;
    }

    public static void write(Schedule schedule, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, write(schedule), StandardCharsets.UTF_8);
    }
}
