package dev.crossfade.decision.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.decision.fuzz.EventGenerators.Payload;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Random JSON documents (biased towards the keys and values of a real event, so that they get
 * past the first checks) and random bytes (binary, text, and JSON-looking prefixes).
 */
final class RandomPayloads {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> KEYS = List.of("source", "detail-type", "account", "region", "time", "detail",
            "alarmName", "state", "value", "timestamp", "version", "id", "resources", "previousState");
    private static final List<String> VALUES = List.of("aws.cloudwatch", "CloudWatch Alarm State Change", "aws.events",
            "Scheduled Event", "123456789012", "us-east-1", "eu-west-1", "us-west-2", "2026-11-22T10:00:00Z",
            "2026-11-22T10:00:00.000+0000", "shop-prod-us-east-1-alb-5xx", "shop-prod-eu-west-1-canary", "ALARM", "OK",
            "INSUFFICIENT_DATA");

    private RandomPayloads() {}

    static Arbitrary<Payload> randomJson() {
        return json(4).map(n -> new Payload("random JSON", EventGenerators.bytes(n)));
    }

    static Arbitrary<Payload> randomBytes() {
        Arbitrary<byte[]> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> jsonish = Combinators.combine(Arbitraries.of("{", "[", "{\"source\":", "{\"detail\":{\"state\":",
                        "\"", "{\"a\":1}{", "nul", "tru", "1e99999", "-", "\uFEFF{"), binary)
                .as((prefix, tail) -> {
                    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
                    byte[] out = new byte[head.length + tail.length];
                    System.arraycopy(head, 0, out, 0, head.length);
                    System.arraycopy(tail, 0, out, head.length, tail.length);
                    return out;
                });
        return Arbitraries.oneOf(binary, text, jsonish).map(b -> new Payload("random bytes", b));
    }

    private static Arbitrary<JsonNode> json(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.of(VALUES).map(NODES::textNode),
                Arbitraries.strings().ofMaxLength(20).map(NODES::textNode),
                Arbitraries.integers().map(NODES::numberNode),
                Arbitraries.doubles().map(NODES::numberNode),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
                Arbitraries.of(true, false).map(NODES::booleanNode),
                Arbitraries.just(NODES.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> json(depth - 1));
        Arbitrary<String> keys = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(KEYS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        Arbitrary<JsonNode> object = Combinators.combine(keys, inner).as(Tuple::of).list().ofMaxSize(7).map(fields -> {
            ObjectNode o = NODES.objectNode();
            fields.forEach(f -> o.set(f.get1(), f.get2()));
            return o;
        });
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(depth == 4 ? 8 : 3, object), Tuple.of(1, array));
    }
}
