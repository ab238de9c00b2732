package dev.crossfade.local.lab.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    private static Invariants.Observation settledSeed(List<String> writers, List<String> answer) {
        return new Invariants.Observation(Topology.Mode.ACTIVE_PASSIVE, writers, answer, Map.of("us-east-1", 100f, "eu-west-1", 0f),
                Set.of("us-east-1", "eu-west-1"), Optional.of(new Invariants.Lost("us-east-1", 0, 0, List.of())), false, 5000,
                List.of(), List.of(), List.of(), true, Map.of("us-east-1", List.of("us-east-1"), "eu-west-1", List.of("us-east-1")));
    }

    private static List<String> names(List<Invariants.Violation> violations) {
        return violations.stream().map(v -> v.name().key()).toList();
    }

    @Test
    void aHealthySettledSeed_breaksNothing() {
        assertEquals(List.of(), Invariants.check(settledSeed(List.of("us-east-1"), List.of("us-east-1")), true));
    }

    @Test
    void twoWriters_breakSingleWriterAtEveryStep() {
        var o = settledSeed(List.of("us-east-1", "eu-west-1"), List.of("us-east-1"));
        assertEquals(List.of("single-writer"), names(Invariants.check(o, false)));
    }

    @Test
    void aReturningOldPrimaryBeforeItsGuardRan_isNotCountedWhileOutOfTraffic_butIsOnceItTakesTraffic() {
        var back = settledSeed(List.of("us-east-1", "eu-west-1"), List.of("eu-west-1"));
        var outOfTraffic = new Invariants.Observation(back.mode(), back.writers(), back.dnsAnswer(), Map.of("us-east-1", 0f, "eu-west-1", 100f),
                back.healthy(), back.lost(), false, 5000, List.of(), List.of(), List.of(), true, back.beliefs(), Set.of("us-east-1"));
        var answered = new Invariants.Observation(back.mode(), back.writers(), List.of("us-east-1"), Map.of("us-east-1", 100f, "eu-west-1", 0f),
                back.healthy(), back.lost(), false, 5000, List.of(), List.of(), List.of(), true, back.beliefs(), Set.of("us-east-1"));

        assertEquals(List.of(), Invariants.check(outOfTraffic, false));
        assertEquals(List.of("single-writer"), names(Invariants.check(answered, false)));
        assertTrue(Invariants.check(answered, false).getFirst().detail().contains("returning"), Invariants.check(answered, false).toString());
    }

    @Test
    void dnsOnAReplica_breaksDnsAnswerOnlyOnceSettled() {
        var o = settledSeed(List.of("us-east-1"), List.of("eu-west-1"));
        assertEquals(List.of(), Invariants.check(o, false));
        assertTrue(names(Invariants.check(o, true)).containsAll(List.of("dns-answer", "healthy-writer-in-traffic", "detector-belief")));
    }

    @Test
    void lostWrites_areAcceptedOnlyAfterAPromotionWithinTheRpoBudget() {
        var lost = Optional.of(new Invariants.Lost("eu-west-1", 2, 40, List.of(7L, 8L)));
        assertEquals("no-lost-writes", Invariants.noLostWrites(lost, false, 5000).orElseThrow().name().key());
        assertTrue(Invariants.noLostWrites(lost, true, 5000).isEmpty());
        assertTrue(Invariants.noLostWrites(Optional.of(new Invariants.Lost("eu-west-1", 2, 6000, List.of(7L, 8L))), true, 5000).isPresent());
    }

    @Test
    void aLostWritesFinding_shouldSayWhatTheCheckerSaw() {
        var o = new Invariants.Observation(Topology.Mode.ACTIVE_PASSIVE, List.of("us-east-1", "eu-west-1"), List.of("us-east-1"),
                Map.of("us-east-1", 0f, "eu-west-1", 100f), Set.of("us-east-1", "eu-west-1"),
                Optional.of(new Invariants.Lost("us-east-1", 749, 37387, List.of(727L))), false, 5000, List.of(), List.of(), List.of(),
                false, Map.of(), Set.of("us-east-1"));

        String detail = Invariants.check(o, false).stream().filter(v -> v.name().key().equals("no-lost-writes")).findFirst()
                .orElseThrow().detail();

        assertTrue(detail.endsWith("; seen: writers [us-east-1, eu-west-1], DNS answer [us-east-1], in traffic [], returning [us-east-1]"),
                detail);
    }

    @Test
    void aLockHeldWithNoRun_breaksNoRunOnceSettled_butARunWaitingForAPersonByPolicyDoesNot() {
        assertEquals("no-run-once-settled", Invariants.noRunOnceSettled(List.of("eu-west-1"), List.of(), List.of(), true)
                .orElseThrow().name().key());
        assertTrue(Invariants.noRunOnceSettled(List.of("eu-west-1"), List.of(), List.of("run-1 at AwaitApproval"), true).isEmpty());
        assertTrue(Invariants.noRunOnceSettled(List.of(), List.of(), List.of("run-1 at AwaitApproval"), false).isPresent());
        assertTrue(Invariants.noRunOnceSettled(List.of(), List.of("run-2 at PromoteDatabase"), List.of(), true).isPresent());
    }

    @Test
    void aRunWaitingForAPersonByPolicy_leavesTheWriterUndecided_butNotTheDetectors() {
        var o = new Invariants.Observation(Topology.Mode.ACTIVE_PASSIVE, List.of(), List.of("us-east-1"), Map.of(), Set.of("eu-west-1"),
                Optional.empty(), false, 5000, List.of("eu-west-1"), List.of(), List.of("run-1 at AwaitApproval"), true,
                Map.of("eu-west-1", List.of("us-east-1")));
        assertEquals(List.of(), Invariants.check(o, true));
        var noPolicy = new Invariants.Observation(o.mode(), o.writers(), o.dnsAnswer(), o.dials(), o.healthy(), o.lost(), false, 5000,
                o.locksHeld(), o.runsInProgress(), o.waitingForPerson(), false, o.beliefs());
        assertTrue(names(Invariants.check(noPolicy, true)).containsAll(List.of("dns-answer", "healthy-writer-in-traffic",
                "no-run-once-settled")));
    }

    @Test
    void activeActive_dnsMayAnswerEveryHealthyRegion_butNoUnhealthyOne() {
        Set<String> healthy = Set.of("us-east-1", "eu-west-1");
        assertTrue(Invariants.dnsAnswer(Topology.Mode.ACTIVE_ACTIVE, List.of("us-east-1"), List.of("us-east-1", "eu-west-1"), Map.of(),
                healthy).isEmpty());
        assertTrue(Invariants.dnsAnswer(Topology.Mode.ACTIVE_ACTIVE, List.of("us-east-1"), List.of("us-east-1", "ap-south-1"), Map.of(),
                healthy).isPresent());
        assertTrue(Invariants.dnsAnswer(Topology.Mode.ACTIVE_PASSIVE, List.of("us-east-1"), List.of(), Map.of(), healthy).isPresent());
    }
}
