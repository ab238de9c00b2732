package dev.crossfade.decision.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crossfade.decision.Decision;
import dev.crossfade.decision.Decision.Action;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.fuzz.ReferencePolicy.Expected;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing the detector (docs/detection.md "Fuzzing"): generated EventBridge payloads through the
 * real entry points, each answer compared with an independent oracle. Malformed or foreign
 * payloads must be answered NONE; well-formed ones with what the reference policy decides on the
 * generated prior state. No exception may escape. Ends with {@code fuzzed events: N, wrong actions: N}.
 */
@AddLifecycleHook(value = FuzzLedger.class, propagateTo = PropagationMode.DIRECT_DESCENDANTS)
class EventFuzzTest {

    private static HandlerRig rig;

    @BeforeContainer
    static void resetLedger() {
        FuzzLedger.reset();
    }

    @AfterContainer
    static void reportAndStopMoto() {
        FuzzLedger.report(System.out);
        if (rig != null) {
            rig.close();
            rig = null;
        }
    }

    @Property(tries = 500)
    void wellFormedEvent_shouldGetThePolicysAction(@ForAll("wellFormed") FuzzCase c) {
        Expected expected = Oracle.expected(c.deployment(), c.prior(), c.event(), c.now());
        Statistics.label("expected").collect(expected.action());
        Statistics.label("expected").coverage(k -> {
            // rare, since events older than 15 min or more than 60 s ahead are ignored; the bound only
            // proves failovers are exercised, and stays clear of the random spread of 500 tries
            k.check(Action.FAILOVER).percentage(p -> p >= 1);
            k.check(Action.NOTIFY_ONLY).percentage(p -> p >= 1); // rare too: the same reasoning
            k.check(Action.NONE).percentage(p -> p >= 20);
        });
        compare(c, expected, decideOffline(c));
    }

    @Property(tries = 300)
    void mutatedSample_shouldBeNoneUnlessStillWellFormed(@ForAll("mutated") FuzzCase c) {
        Expected expected = Oracle.expected(c.deployment(), c.prior(), c.event(), c.now());
        Statistics.label("still well-formed").collect(Oracle.wellFormed(c.deployment(), c.event()));
        Actual actual = decideOffline(c);
        Statistics.label("engine answered").collect(actual.action());
        compare(c, expected, actual);
    }

    @Property(tries = 150)
    void randomJson_shouldBeNone(@ForAll("randomJson") FuzzCase c) {
        compare(c, Oracle.expected(c.deployment(), c.prior(), c.event(), c.now()), decideOffline(c));
    }

    @Property(tries = 150)
    void randomBytes_shouldBeNone(@ForAll("randomBytes") FuzzCase c) {
        compare(c, Oracle.expected(c.deployment(), c.prior(), c.event(), c.now()), decideOffline(c));
    }

    /** The deployed path end to end: EvaluateAlarmHandler over HTTP against moto. */
    @Property(tries = 200)
    void anyEvent_throughTheLambdaHandler_shouldAnswerLikeTheOracle(@ForAll("anything") FuzzCase c,
                                                                    @ForAll("detectorRegions") String region) {
        boolean wellFormed = Oracle.wellFormed(c.deployment(), c.event());
        // the handler reads the lag afresh for every decision; the rig configures no replica, so every lag is unknown
        var unknownLag = new dev.crossfade.decision.DetectorState(c.prior().version(), c.prior().regionsInTraffic(), c.prior().signals(),
                c.prior().lastExecutionAt(), c.prior().openIncident(), java.util.Map.of());
        Expected expected = Oracle.expected(c.deployment(), unknownLag, c.event(), c.now());
        Statistics.label("handler").collect(wellFormed ? expected.action().name() : "malformed");
        HandlerRig.Answer answer;
        try {
            answer = rig().invoke(c, region, wellFormed);
        } catch (Throwable t) {
            throw new WrongAction("exception escaped the handler" + (wellFormed ? "" : " (an AWS call for a malformed event?)")
                    + ": " + t + "\n  case: " + c, t);
        }
        JsonNode d = answer.decision();
        Actual actual = new Actual(Action.valueOf(d.get("action").asText()), text(d.get("from")), text(d.get("to")),
                d.get("approvalRequired").asBoolean(), text(d.get("executionName")), d.get("reason").asText());
        if (actual.action() == Action.FAILOVER) {
            rig().releaseLock(actual.from(), actual.to());
        }
        compare(c, expected, actual, "\n  handler log: " + answer.log());
    }

    // ---- the entry points ----------------------------------------------------------------------

    /** What an entry point answered, in the terms the oracle speaks. */
    record Actual(Action action, String from, String to, boolean approvalRequired, String executionName, String reason) {
        static Actual of(Decision d) {
            return new Actual(d.action(), d.from().orElse(null), d.to().orElse(null), d.approvalRequired(),
                    d.executionName().orElse(null), d.reason());
        }
    }

    /** The pure path the Lambda and {@code crossfade decide} share: EventParser, then DecisionEngine. */
    private static Actual decideOffline(FuzzCase c) {
        Deployment d = c.deployment();
        try {
            try {
                new EventParser(d).parse(c.event()); // the CLI's strict parse may only refuse with NotJsonException
            } catch (EventParser.NotJsonException documented) {
                // exit 2 in the CLI; the Lambda path below answers NONE instead
            }
            DetectorEvent event = new EventParser(d).parseLenient(c.event());
            DecisionEngine.Outcome outcome = new DecisionEngine().evaluate(d, c.prior(), event, c.now());
            if (event instanceof DetectorEvent.Rejected && outcome.state() != c.prior()) {
                throw new IllegalStateException("a rejected event changed the state");
            }
            if (outcome.decision().action() == Action.FAILOVER) {
                var traffic = outcome.state().traffic(d);
                if (traffic.isEmpty() || traffic.contains(outcome.decision().from().orElseThrow())
                        || !traffic.contains(outcome.decision().to().orElseThrow())) {
                    throw new IllegalStateException("FAILOVER left traffic on " + traffic);
                }
            }
            return Actual.of(outcome.decision());
        } catch (Throwable t) {
            throw new WrongAction("exception escaped the decision path: " + t + "\n  case: " + c, t);
        }
    }

    private static void compare(FuzzCase c, Expected expected, Actual actual) {
        compare(c, expected, actual, "");
    }

    private static void compare(FuzzCase c, Expected expected, Actual actual, String more) {
        boolean same = expected.action() == actual.action()
                && Objects.equals(expected.from(), actual.from())
                && Objects.equals(expected.to(), actual.to())
                && expected.approvalRequired() == actual.approvalRequired()
                && (actual.executionName() != null) == (actual.action() == Action.FAILOVER);
        if (!same) {
            throw new WrongAction("expected " + expected.action() + " " + expected.from() + " -> " + expected.to()
                    + (expected.approvalRequired() ? " (approval)" : "") + " [" + expected.why() + "], got " + actual.action()
                    + " " + actual.from() + " -> " + actual.to() + (actual.approvalRequired() ? " (approval)" : "")
                    + " execution " + actual.executionName() + " [" + actual.reason() + "]\n  case: " + c + more, null);
        }
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static HandlerRig rig() {
        if (rig == null) {
            rig = new HandlerRig();
        }
        return rig;
    }

    // ---- generators ----------------------------------------------------------------------------

    @Provide
    Arbitrary<FuzzCase> wellFormed() {
        return EventGenerators.cases("well-formed", EventGenerators::wellFormed);
    }

    @Provide
    Arbitrary<FuzzCase> mutated() {
        return Arbitraries.frequencyOf(Tuple.of(1, EventGenerators.cases("mutated sample", now -> Mutations.mutatedSamples())),
                Tuple.of(1, EventGenerators.primedCases("mutated sample", Mutations.mutatedSamples())));
    }

    @Provide
    Arbitrary<FuzzCase> randomJson() {
        return EventGenerators.cases("random JSON", now -> RandomPayloads.randomJson());
    }

    @Provide
    Arbitrary<FuzzCase> randomBytes() {
        return EventGenerators.cases("random bytes", now -> RandomPayloads.randomBytes());
    }

    @Provide
    Arbitrary<FuzzCase> anything() {
        return Arbitraries.frequencyOf(Tuple.of(3, wellFormed()), Tuple.of(2, mutated()), Tuple.of(1, randomJson()),
                Tuple.of(1, randomBytes()));
    }

    @Provide
    Arbitrary<String> detectorRegions() {
        return Arbitraries.of(FuzzCase.ENABLED);
    }
}
