package dev.crossfade.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.decision.Decision.Action;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** The safety rules of the policy, checked over random event sequences and policies. */
class DecisionPropertiesTest {

    private static final List<String> REGIONS = List.of("us-east-1", "eu-west-1", "ap-southeast-2");
    private static final List<String> SIGNALS = List.of("alb-5xx", "unhealthy-targets", "health-check", "canary");
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    /** One step: seconds after the previous one, and either an alarm change or a tick (region null). */
    record Step(int afterSeconds, String region, String signal, String observer, AlarmState state) {}

    record Run(List<Decision> decisions, List<DetectorState> states, List<DetectorState> evaluated) {}

    @Property(tries = 300)
    void failover_neverTargetsAnUnhealthyRegion(@ForAll("policies") FailoverPolicy policy, @ForAll("activeActive") boolean aa,
                                                @ForAll("steps") List<Step> steps) {
        Deployment d = deployment(policy, aa);
        Run run = run(d, steps);
        for (int i = 0; i < run.decisions().size(); i++) {
            Decision dec = run.decisions().get(i);
            if (dec.action() == Action.FAILOVER) {
                String to = dec.to().orElseThrow();
                Instant now = instantOf(steps, i);
                assertTrue(DecisionEngine.healthy(run.evaluated().get(i), to, policy, now), "target " + to + " unhealthy: " + dec.reason());
                assertNotEquals(dec.from(), dec.to());
            }
        }
    }

    @Property(tries = 300)
    void traffic_neverDropsToZeroRegions(@ForAll("policies") FailoverPolicy policy, @ForAll("activeActive") boolean aa,
                                         @ForAll("steps") List<Step> steps) {
        Deployment d = deployment(policy, aa);
        for (DetectorState s : run(d, steps).states()) {
            assertFalse(s.traffic(d).isEmpty(), "no region left in traffic: " + StateJson.write(s));
        }
    }

    @Property(tries = 1000)
    void executions_atMostOnePerIncident_andNamesNeverRepeat(@ForAll("policies") FailoverPolicy policy, @ForAll("activeActive") boolean aa,
                                                              @ForAll("steps") List<Step> steps) {
        Set<String> incidents = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<Decision> decisions = run(deployment(policy, aa), steps).decisions();
        long failovers = decisions.stream().filter(dec -> dec.action() == Action.FAILOVER).count();
        // guards against a vacuous property: enough runs must reach a failover. Runs with two are
        // too rare to demand a share of them without flaking; the second execution's new name is
        // pinned by DecisionEngineTest.newRegionFailingAfterRecoveryAndCooldown_shouldStartSecondExecutionWithNewName.
        Statistics.label("failovers").collect(Math.min(failovers, 2));
        Statistics.label("failovers").coverage(c -> c.check(1L).percentage(pct -> pct > 10));
        for (Decision dec : decisions) {
            if (dec.action() == Action.FAILOVER) {
                assertTrue(incidents.add(dec.incidentId().orElseThrow()), "second execution for incident " + dec.incidentId());
                assertTrue(names.add(dec.executionName().orElseThrow()), "execution name reused: " + dec.executionName());
            }
        }
    }

    @Property(tries = 300)
    void monitorMode_neverActs(@ForAll("policies") FailoverPolicy p, @ForAll("activeActive") boolean aa, @ForAll("steps") List<Step> steps) {
        FailoverPolicy monitor = new FailoverPolicy(false, p.rpoBudgetSeconds(), p.quorum(), p.dwellSeconds(), p.cooldownMinutes(), p.approvalForDataLoss());
        Deployment d = deployment(monitor, aa);
        Run run = run(d, steps);
        run.decisions().forEach(dec -> {
            assertNotEquals(Action.FAILOVER, dec.action());
            assertTrue(dec.executionName().isEmpty());
        });
        run.states().forEach(s -> {
            assertTrue(s.lastExecutionAt().isEmpty());
            assertEquals(d.primary().name(), s.writer(d));
            // the writer's traffic never moves; only a failed standby leaves (its health checks drop it, not an action of ours)
            java.util.List<String> expected = new java.util.ArrayList<>(d.initialTraffic());
            expected.removeAll(s.standbysOut());
            assertEquals(new java.util.HashSet<>(expected), new java.util.HashSet<>(s.traffic(d)));
        });
    }

    private static Run run(Deployment d, List<Step> steps) {
        DecisionEngine engine = new DecisionEngine();
        DetectorState s = DetectorState.empty();
        List<Decision> decisions = new ArrayList<>();
        List<DetectorState> states = new ArrayList<>();
        List<DetectorState> evaluated = new ArrayList<>();
        Instant now = T0;
        for (Step step : steps) {
            now = now.plusSeconds(step.afterSeconds());
            // the Lambda reads the lag afresh for every decision (docs/detection.md "Reading ages")
            s = s.withReplicaLag("eu-west-1", 2.0, now).withReplicaLag("ap-southeast-2", 30.0, now);
            DetectorEvent e = step.region() == null
                    ? new DetectorEvent.Tick(now)
                    : new DetectorEvent.AlarmChange("x", step.region(), step.signal(), step.observer(), step.state(), now);
            evaluated.add(e instanceof DetectorEvent.AlarmChange a ? s.withSignal(a.watchedRegion(), a.signalKey(), a.state(), a.at()) : s);
            DecisionEngine.Outcome o = engine.evaluate(d, s, e, now);
            decisions.add(o.decision());
            states.add(o.state());
            s = o.state();
        }
        return new Run(decisions, states, evaluated);
    }

    private static Instant instantOf(List<Step> steps, int index) {
        Instant t = T0;
        for (int i = 0; i <= index; i++) {
            t = t.plusSeconds(steps.get(i).afterSeconds());
        }
        return t;
    }

    private static Deployment deployment(FailoverPolicy policy, boolean activeActive) {
        return new Deployment("shop", "prod", Optional.of("123456789012"), activeActive,
                List.of(new RegionSpec("us-east-1", 1, true), new RegionSpec("eu-west-1", 2, false), new RegionSpec("ap-southeast-2", 3, false)),
                Set.of("us-west-2"), policy);
    }

    @Provide
    Arbitrary<Boolean> activeActive() {
        return Arbitraries.of(false, true);
    }

    @Provide
    Arbitrary<FailoverPolicy> policies() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 60), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(0, 120), Arbitraries.integers().between(0, 30), Arbitraries.of(true, false))
                .as(FailoverPolicy::new);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> alarm = Combinators.combine(Arbitraries.integers().between(0, 240),
                Arbitraries.frequency(Tuple.of(3, "us-east-1"), Tuple.of(1, "eu-west-1"), Tuple.of(1, "ap-southeast-2")),
                Arbitraries.of(SIGNALS), Arbitraries.of(REGIONS), Arbitraries.of(AlarmState.ALARM, AlarmState.ALARM, AlarmState.OK, AlarmState.OK, AlarmState.INSUFFICIENT_DATA))
                .as(Step::new);
        Arbitrary<Step> tick = Arbitraries.integers().between(0, 600).map(s -> new Step(s, null, null, null, null));
        return Arbitraries.frequencyOf(Tuple.of(4, alarm), Tuple.of(1, tick)).list().ofMinSize(1).ofMaxSize(80);
    }
}
