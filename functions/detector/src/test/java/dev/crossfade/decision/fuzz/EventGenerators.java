package dev.crossfade.decision.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.decision.AlarmState;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.Incident;
import dev.crossfade.decision.LagReading;
import dev.crossfade.decision.SignalState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators for the fuzzer: well-formed CloudWatch alarm state changes and scheduled ticks
 * of this application (and of its disabled and unknown regions, other applications, accounts),
 * detector states to evaluate them on, and evaluation times around the events.
 */
final class EventGenerators {

    /** A payload and how it was made. */
    record Payload(String origin, byte[] bytes) {}

    static final Instant BASE = Instant.parse("2026-11-22T10:00:00Z");
    static final List<String> UNKNOWN_REGIONS = List.of("sa-east-1", "eu-central-1", "us-gov-west-1", "cn-north-1",
            "mars-north-1", "US-EAST-1", "us-east-1 ", "");
    private static final List<String> FOREIGN_SIGNALS = List.of("cpu-high", "alb-5xx-v2", "Canary", "", "latency", "alb_5xx");
    private static final DateTimeFormatter CLOUDWATCH_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventGenerators() {}

    /** A full case: application, prior state, time, and a payload made by {@code payloads} around that time. */
    static Arbitrary<FuzzCase> cases(String family, Function<Instant, Arbitrary<Payload>> payloads) {
        return Combinators.combine(policies(), Arbitraries.of(false, true), nows())
                .flatAs((policy, aa, now) -> Combinators.combine(priorStates(now), payloads.apply(now))
                        .as((prior, p) -> new FuzzCase(family, p.origin(), policy, aa, prior, now, p.bytes())));
    }

    /**
     * Cases whose prior state is one ALARM short of a failover of the primary (quorum - 1 held
     * alarms, healthy targets, no incident, no cooldown), evaluated after the samples' time: any
     * ALARM about us-east-1 that the detector wrongly accepts turns into a FAILOVER, so a parser
     * that lets a malformed sample through cannot hide behind an uneventful state.
     */
    static Arbitrary<FuzzCase> primedCases(String family, Arbitrary<Payload> payloads) {
        return Combinators.combine(policies(), Arbitraries.integers().between(1800, 5400), payloads)
                .as((policy, after, p) -> {
                    Instant now = BASE.plusSeconds(after);
                    Map<String, SignalState> primary = new LinkedHashMap<>();
                    List<String> others = List.of("canary@ap-southeast-2", "alb-5xx@eu-west-1");
                    for (int i = 0; i < policy.quorum() - 1; i++) {
                        primary.put(others.get(i), new SignalState(AlarmState.ALARM, now.minusSeconds(policy.dwellSeconds() + 60L), Optional.empty()));
                    }
                    DetectorState prior = new DetectorState(0, List.of(), Map.of("us-east-1", primary), Optional.empty(), Optional.empty(), Map.of());
                    return new FuzzCase(family, "primed; " + p.origin(), policy, false, prior, now, p.bytes());
                });
    }

    static Arbitrary<FailoverPolicy> policies() {
        return Combinators.combine(Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 30), Arbitraries.integers().between(1, 3),
                        Arbitraries.of(0, 0, 30, 60, 120, 300), Arbitraries.of(0, 5, 30, 60),
                        Arbitraries.of(true, false))
                .as(FailoverPolicy::new);
    }

    /** Evaluation times within about a year of the samples' time, to the second. */
    static Arbitrary<Instant> nows() {
        return Arbitraries.longs().between(-400L * 86400, 400L * 86400).map(BASE::plusSeconds);
    }

    // ---- prior states ------------------------------------------------------------------------

    private record Sig(String region, String signal, String observer, AlarmState state, long ageSeconds, Optional<AlarmState> previous) {}

    static Arbitrary<DetectorState> priorStates(Instant now) {
        Arbitrary<AlarmState> states = Arbitraries.frequency(Tuple.of(3, AlarmState.ALARM), Tuple.of(2, AlarmState.OK),
                Tuple.of(1, AlarmState.INSUFFICIENT_DATA));
        Arbitrary<Optional<AlarmState>> previous = Arbitraries.frequency(Tuple.of(2, Optional.<AlarmState>empty()),
                Tuple.of(2, Optional.of(AlarmState.ALARM)), Tuple.of(1, Optional.of(AlarmState.OK)),
                Tuple.of(1, Optional.of(AlarmState.INSUFFICIENT_DATA)));
        // the primary (in traffic unless a failover happened) gets most signals, so that failovers are common
        Arbitrary<String> regions = Arbitraries.frequency(Tuple.of(3, "us-east-1"), Tuple.of(1, "eu-west-1"), Tuple.of(1, "ap-southeast-2"));
        Arbitrary<Sig> sig = Combinators.combine(regions, Arbitraries.of(EventCheck.SIGNALS),
                        Arbitraries.of(FuzzCase.ENABLED), states,
                        Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.longs().between(0, 900)),
                                Tuple.of(1, Arbitraries.longs().between(-120, 7200)),
                                // a time far ahead, as an event dated 2099 once wrote: it must not freeze the signal
                                Tuple.of(1, Arbitraries.longs().between(-86400L * 365 * 73, -3600))),
                        previous)
                .as(Sig::new);
        Arbitrary<List<String>> traffic = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<String>of())),
                Tuple.of(2, Arbitraries.of(FuzzCase.ENABLED).list().uniqueElements().ofMinSize(1).ofMaxSize(3)));
        Arbitrary<Optional<Instant>> lastExecution = Arbitraries.integers().between(0, 7200)
                .map(s -> now.minusSeconds(s)).optional(0.3);
        Arbitrary<Optional<Incident>> incident = Combinators.combine(Arbitraries.of(FuzzCase.ENABLED), Arbitraries.of(FuzzCase.ENABLED),
                        Arbitraries.integers().between(0, 7200), Arbitraries.of(true, false),
                        Arbitraries.of(Incident.EXECUTING, Incident.NOTIFIED, Incident.AWAITING_APPROVAL, Incident.PEER_LOCKED))
                .filter((from, to, age, started, status) -> !from.equals(to))
                .as((from, to, age, started, status) -> new Incident(from + "-" + now.minusSeconds(age).getEpochSecond(), from, to,
                        now.minusSeconds(age), started ? Optional.of(from + "-to-" + to + "-1") : Optional.empty(), started, status))
                .optional(0.15);
        // readings of every age: fresh, just expired (2 min), far past, slightly and far ahead of the clock
        Arbitrary<Integer> readingAge = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.integers().between(0, 110)),
                Tuple.of(2, Arbitraries.integers().between(100, 400)), Tuple.of(1, Arbitraries.integers().between(-120, 0)),
                Tuple.of(1, Arbitraries.integers().between(3600, 86400 * 30)));
        Arbitrary<Optional<LagReading>> reading = Combinators.combine(Arbitraries.doubles().between(0, 20).ofScale(1), readingAge)
                .as((seconds, age) -> new LagReading(seconds, now.minusSeconds(age))).optional(0.5);
        Arbitrary<Map<String, LagReading>> lag = Combinators.combine(reading, reading)
                .as((eu, ap) -> {
                    Map<String, LagReading> m = new LinkedHashMap<>();
                    eu.ifPresent(v -> m.put("eu-west-1", v));
                    ap.ifPresent(v -> m.put("ap-southeast-2", v));
                    return m;
                });
        return Combinators.combine(sig.list().ofMinSize(1).ofMaxSize(9), traffic, lastExecution, incident, lag)
                .as((sigs, inTraffic, last, open, lags) -> {
                    Map<String, Map<String, SignalState>> signals = new LinkedHashMap<>();
                    for (Sig s : sigs) {
                        Optional<AlarmState> before = s.previous().filter(p -> p != s.state());
                        signals.computeIfAbsent(s.region(), r -> new LinkedHashMap<>())
                                .put(s.signal() + "@" + s.observer(), new SignalState(s.state(), now.minusSeconds(s.ageSeconds()), before));
                    }
                    return new DetectorState(0, inTraffic, signals, last, open, lags);
                });
    }

    // ---- well-formed events ------------------------------------------------------------------

    /** Alarm state changes (6 in 7) and scheduled ticks, shaped like the real ones. */
    static Arbitrary<Payload> wellFormed(Instant now) {
        return Arbitraries.frequencyOf(Tuple.of(6, alarmEvents(now)), Tuple.of(1, ticks(now)));
    }

    private record AlarmFields(String prefix, String watched, String signal, String observer, String account, String value) {}

    static Arbitrary<Payload> alarmEvents(Instant now) {
        Arbitrary<String> regions = Arbitraries.frequencyOf(Tuple.of(14, Arbitraries.of(FuzzCase.ENABLED)),
                Tuple.of(1, Arbitraries.just(FuzzCase.DISABLED)), Tuple.of(1, Arbitraries.of(UNKNOWN_REGIONS)));
        Arbitrary<String> prefixes = Arbitraries.frequency(Tuple.of(24, "shop-prod-"), Tuple.of(1, "shop-staging-"),
                Tuple.of(1, "other-prod-"), Tuple.of(1, ""), Tuple.of(1, "Shop-prod-"));
        Arbitrary<String> signals = Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.of(EventCheck.SIGNALS)),
                Tuple.of(1, Arbitraries.of(FOREIGN_SIGNALS)));
        Arbitrary<String> accounts = Arbitraries.frequency(Tuple.of(24, FuzzCase.ACCOUNT), Tuple.of(1, "999999999999"));
        Arbitrary<String> values = Arbitraries.frequency(Tuple.of(4, "ALARM"), Tuple.of(2, "OK"), Tuple.of(1, "INSUFFICIENT_DATA"));
        Arbitrary<AlarmFields> fields = Combinators.combine(prefixes, regions, signals, regions, accounts, values).as(AlarmFields::new);
        // transitions dated now, around the skew (60 s ahead) and the age bound (15 min), far in the past and as far as 2099
        // fresh transitions (the only ones a detector acts on) keep failovers common enough to be checked
        Arbitrary<Long> ageSeconds = Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.longs().between(0, 900)),
                Tuple.of(1, Arbitraries.longs().between(-300, 86400)),
                Tuple.of(1, Arbitraries.longs().between(-75, -45)), Tuple.of(1, Arbitraries.longs().between(880, 920)),
                Tuple.of(1, Arbitraries.longs().between(-86400L * 365 * 73, -86400)),
                Tuple.of(1, Arbitraries.longs().between(86400, 86400L * 365 * 5)));
        Arbitrary<String> stampFormat = Arbitraries.of("cloudwatch", "cloudwatch", "iso", "absent");
        return Combinators.combine(fields, ageSeconds, Arbitraries.integers().between(0, 5), stampFormat)
                .as((f, age, delay, format) -> alarmEvent(f, now.minusSeconds(age), delay, format));
    }

    private static Payload alarmEvent(AlarmFields f, Instant at, int deliveryDelay, String stampFormat) {
        String name = f.prefix() + f.watched() + "-" + f.signal();
        ObjectNode e = MAPPER.createObjectNode();
        e.put("version", "0").put("id", "fuzz-" + Integer.toHexString(name.hashCode() ^ at.hashCode()))
                .put("detail-type", "CloudWatch Alarm State Change").put("source", "aws.cloudwatch").put("account", f.account())
                .put("time", at.plusSeconds(deliveryDelay).toString()).put("region", f.observer());
        e.putArray("resources").add("arn:aws:cloudwatch:" + f.observer() + ":" + f.account() + ":alarm:" + name);
        ObjectNode detail = e.putObject("detail");
        detail.put("alarmName", name);
        ObjectNode state = detail.putObject("state");
        state.put("value", f.value()).put("reason", "Threshold Crossed: fuzzed transition to " + f.value());
        switch (stampFormat) {
            case "cloudwatch" -> state.put("timestamp", CLOUDWATCH_TIME.format(at));
            case "iso" -> state.put("timestamp", at.toString());
            default -> { } // absent: the event's time stands for the transition
        }
        ObjectNode previous = detail.putObject("previousState");
        previous.put("value", f.value().equals("OK") ? "ALARM" : "OK").put("reason", "previous evaluation")
                .put("timestamp", CLOUDWATCH_TIME.format(at.minusSeconds(300)));
        ObjectNode configuration = detail.putObject("configuration");
        if (f.signal().equals("composite")) {
            configuration.put("alarmRule", "ALARM(\"" + f.prefix() + f.watched() + "-alb-5xx\") OR ALARM(\""
                    + f.prefix() + f.watched() + "-unhealthy-targets\")");
            configuration.put("actionsSuppressor", "").put("actionsSuppressorWaitPeriod", 0).put("actionsSuppressorExtensionPeriod", 0);
        } else {
            configuration.put("description", "fuzzed " + f.signal());
        }
        return new Payload("alarm " + name + " " + f.value() + " at " + at + " seen in '" + f.observer() + "' (timestamp "
                + stampFormat + ")", bytes(e));
    }

    static Arbitrary<Payload> ticks(Instant now) {
        return Combinators.combine(Arbitraries.of(FuzzCase.ENABLED), Arbitraries.integers().between(-60, 60),
                        Arbitraries.frequency(Tuple.of(12, FuzzCase.ACCOUNT), Tuple.of(1, "999999999999")))
                .as((region, skew, account) -> {
                    ObjectNode e = MAPPER.createObjectNode();
                    e.put("version", "0").put("id", "fuzz-tick").put("detail-type", "Scheduled Event").put("source", "aws.events")
                            .put("account", account).put("time", now.plusSeconds(skew).toString()).put("region", region);
                    e.putArray("resources").add("arn:aws:events:" + region + ":" + account + ":rule/shop-prod-detector-schedule");
                    e.putObject("detail");
                    return new Payload("tick in " + region + " from " + account, bytes(e));
                });
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
