package dev.crossfade.decision.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.crossfade.decision.fuzz.EventGenerators.Payload;
import dev.crossfade.testutils.DetectionSamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Mutations of the real samples in events/ (and events/malformed/): dropped, retyped, truncated,
 * oversized or unicode fields, foreign account/source/detail-type/region, nulls, deep junk, huge
 * numbers, duplicate keys, cut or corrupted bytes. A mutation is a plain record, so jqwik shrinks
 * a counterexample to the fewest, smallest mutations.
 */
final class Mutations {

    enum Op {
        DROP, NULL, TO_NUMBER, TO_BOOLEAN, TO_ARRAY, TO_OBJECT, HUGE_NUMBER, TRUNCATE_STRING, OVERSIZE_STRING, UNICODE,
        FOREIGN_ACCOUNT, FOREIGN_SOURCE, FOREIGN_DETAIL_TYPE, FOREIGN_REGION, STATE_VALUE, DEEP_JUNK, DUPLICATE_KEY,
        CUT_BYTES, CORRUPT_BYTE
    }

    /** {@code where} picks a node (or byte), {@code size} a length or variant, {@code text} a replacement string. */
    record Mutation(Op op, int where, int size, String text) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final java.util.Set<String> READ = java.util.Set.of("source", "detail-type", "account", "region", "time",
            "detail", "detail.alarmName", "detail.state", "detail.state.value", "detail.state.timestamp",
            "detail.stateMachineArn", "detail.name", "detail.status");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final java.util.regex.Pattern DEEP = java.util.regex.Pattern.compile("\"__deep_junk__:(\\d{1,4})\"");
    private static final List<String> SAMPLES = sampleFiles();

    private Mutations() {}

    static Arbitrary<Payload> mutatedSamples() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 10_000), junkText()).as(Mutation::new);
        return Combinators.combine(Arbitraries.of(SAMPLES), mutation.list().ofMinSize(1).ofMaxSize(3))
                .as(Mutations::apply);
    }

    /** Strings that break naive parsers: unicode look-alikes, controls, emoji, RTL marks, NULs, JSON fragments. */
    static Arbitrary<String> junkText() {
        return Arbitraries.oneOf(
                Arbitraries.of("shop-prod-us-east-1-alb-5xx", "shop-prоd-us-east-1-alb-5xx" /* Cyrillic o */, "ALARM\u0000",
                        "\u202Eshop-prod", "😀💥", "\uFEFFALARM", "\\u0041LARM", "{\"a\":1}", "null", "", " ", "A".repeat(300),
                        "2026-11-22T10:00:00Z", "2026-02-30T10:00:00Z", "-1", "NaN", "us-east-1\n", "ＡＬＡＲＭ"),
                Arbitraries.strings().withCharRange('\u0000', '\u2FFF').ofMaxLength(40));
    }

    static Payload apply(String sample, List<Mutation> mutations) {
        byte[] original = read(sample);
        JsonNode tree;
        try {
            tree = MAPPER.readTree(original);
        } catch (IOException notJsonSample) {
            tree = null; // not-json.txt and truncated.json: only byte mutations apply
        }
        List<String> inserts = new ArrayList<>();
        for (Mutation m : mutations) {
            if (tree != null && !isByteOp(m.op())) {
                tree = mutate(tree, m, inserts);
            }
        }
        byte[] bytes = tree == null ? original : serialize(tree, inserts);
        for (Mutation m : mutations) {
            if (isByteOp(m.op())) {
                bytes = mutateBytes(bytes, m);
            }
        }
        return new Payload(sample + " " + mutations, bytes);
    }

    private static boolean isByteOp(Op op) {
        return op == Op.CUT_BYTES || op == Op.CORRUPT_BYTE;
    }

    private static JsonNode mutate(JsonNode root, Mutation m, List<String> inserts) {
        if (!(root instanceof ObjectNode top)) {
            return root;
        }
        switch (m.op()) {
            case FOREIGN_ACCOUNT -> top.put("account", List.of("999999999999", "12345678901", "123456789012 ", m.text()).get(m.size() % 4));
            case FOREIGN_SOURCE -> top.put("source", List.of("aws.ec2", "aws.cloudwatch ", "AWS.CLOUDWATCH", "aws.events", m.text()).get(m.size() % 5));
            case FOREIGN_DETAIL_TYPE -> top.put("detail-type", List.of("Scheduled Event", "CloudWatch Alarm State Change ",
                    "EC2 Instance State-change Notification", "CloudWatch Alarm Configuration Change", m.text()).get(m.size() % 5));
            case FOREIGN_REGION -> top.put("region", List.of("us-west-2", "sa-east-1", "eu-west-1", "ap-southeast-2", m.text()).get(m.size() % 5));
            case STATE_VALUE -> {
                if (top.get("detail") instanceof ObjectNode d && d.get("state") instanceof ObjectNode s) {
                    s.put("value", List.of("ALARM", "OK", "INSUFFICIENT_DATA", "alarm", m.text()).get(m.size() % 5));
                }
            }
            case DUPLICATE_KEY -> inserts.add(duplicate(top, m));
            default -> {
                List<Slot> slots = new ArrayList<>();
                collect(top, "", slots);
                if (m.size() % 3 != 0) { // two in three mutations hit a field the detector reads
                    List<Slot> read = slots.stream().filter(slot -> READ.contains(slot.path())).toList();
                    slots = read.isEmpty() ? slots : read;
                }
                if (!slots.isEmpty()) {
                    Slot slot = slots.get(m.where() % slots.size());
                    slot.replace(replacement(slot.value(), m));
                }
            }
        }
        return root;
    }

    /** A field to repeat at the start of the root, {@code detail} or {@code detail.state} object (with its or another value). */
    private static String duplicate(ObjectNode top, Mutation m) {
        ObjectNode target = top;
        if (m.where() % 3 >= 1 && top.get("detail") instanceof ObjectNode d) {
            target = d;
            if (m.where() % 3 == 2 && d.get("state") instanceof ObjectNode s) {
                target = s;
            }
        }
        List<String> names = new ArrayList<>();
        target.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            return "";
        }
        String name = names.get(m.size() % names.size());
        JsonNode value = m.size() % 2 == 0 ? target.get(name) : TextNode.valueOf(m.text());
        String marker = "__dup_" + System.identityHashCode(target) + "__";
        target.put(marker, 0); // replaced by the duplicate field after serialization
        String field = "\"" + name.replace("\"", "\\\"") + "\":" + value;
        return "\"" + marker + "\":0=" + field;
    }

    private static JsonNode replacement(JsonNode value, Mutation m) {
        return switch (m.op()) {
            case DROP -> null;
            case NULL -> NODES.nullNode();
            case TO_NUMBER -> NODES.numberNode(m.size() - 5000);
            case TO_BOOLEAN -> NODES.booleanNode(m.size() % 2 == 0);
            case TO_ARRAY -> NODES.arrayNode().add(value);
            case TO_OBJECT -> NODES.objectNode().set("value", value);
            case HUGE_NUMBER -> switch (m.size() % 4) {
                case 0 -> new BigIntegerNode(BigInteger.TEN.pow(20 + m.size() % 1500));
                case 1 -> new DecimalNode(new BigDecimal("1e" + (400 + m.size())));
                case 2 -> DoubleNode.valueOf(-Double.MAX_VALUE);
                default -> NODES.numberNode(Long.MIN_VALUE);
            };
            case TRUNCATE_STRING -> value.isTextual()
                    ? TextNode.valueOf(value.textValue().substring(0, value.textValue().length() == 0 ? 0 : m.size() % value.textValue().length()))
                    : value;
            case OVERSIZE_STRING -> TextNode.valueOf((value.isTextual() ? value.textValue() : "x")
                    + "x".repeat(List.of(256, 1025, 5000, 270_000).get(m.size() % 4)));
            case UNICODE -> TextNode.valueOf(m.size() % 2 == 0 ? m.text() : (value.isTextual() ? value.textValue() : "") + m.text());
            case DEEP_JUNK -> TextNode.valueOf("__deep_junk__:" + List.of(20, 500, 1200).get(m.size() % 3));
            default -> value;
        };
    }

    /** A place in the tree that holds a value: an object field or an array element. */
    private record Slot(ContainerNode<?> parent, String field, int index, String path, JsonNode value) {
        void replace(JsonNode next) {
            if (parent instanceof ObjectNode o) {
                if (next == null) {
                    o.remove(field);
                } else {
                    o.set(field, next);
                }
            } else if (parent instanceof ArrayNode a) {
                if (next == null) {
                    a.remove(index);
                } else {
                    a.set(index, next);
                }
            }
        }
    }

    private static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node instanceof ObjectNode o) {
            o.properties().forEach(e -> {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                slots.add(new Slot(o, e.getKey(), -1, at, e.getValue()));
                collect(e.getValue(), at, slots);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Slot(a, null, i, path + "[" + i + "]", a.get(i)));
                collect(a.get(i), path + "[" + i + "]", slots);
            }
        }
    }

    private static byte[] serialize(JsonNode tree, List<String> inserts) {
        String json = tree.toString();
        for (String insert : inserts) {
            if (!insert.isEmpty()) {
                int eq = insert.indexOf("=");
                json = json.replace(insert.substring(0, eq), insert.substring(eq + 1));
            }
        }
        // deep nesting is spliced in as text: Jackson refuses to write beyond its own depth limit
        java.util.regex.Matcher deep = DEEP.matcher(json);
        StringBuilder out = new StringBuilder();
        while (deep.find()) {
            int depth = Integer.parseInt(deep.group(1));
            String open = depth % 2 == 0 ? "[".repeat(depth) : "{\"a\":".repeat(depth);
            String close = depth % 2 == 0 ? "]".repeat(depth) : "}".repeat(depth);
            deep.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(open + "1" + close));
        }
        deep.appendTail(out);
        json = out.toString();
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mutateBytes(byte[] bytes, Mutation m) {
        if (bytes.length == 0) {
            return bytes;
        }
        if (m.op() == Op.CUT_BYTES) {
            return Arrays.copyOf(bytes, m.where() % bytes.length);
        }
        byte[] copy = bytes.clone();
        copy[m.where() % copy.length] = (byte) m.size();
        return copy;
    }

    private static byte[] read(String name) {
        try {
            return Files.readAllBytes(DetectionSamples.repoRoot().resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sampleFiles() {
        Path events = DetectionSamples.repoRoot().resolve("events");
        try (Stream<Path> top = Files.list(events); Stream<Path> bad = Files.list(events.resolve("malformed"))) {
            return Stream.concat(top, bad)
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".txt"))
                    .map(p -> events.relativize(p).toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
