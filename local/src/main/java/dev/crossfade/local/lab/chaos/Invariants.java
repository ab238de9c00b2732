package dev.crossfade.local.lab.chaos;

import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One definition of "safe" (docs/chaos.md "Invariants"), used by {@code crossfade chaos} after every
 * step of a schedule and by the reliability suites: each invariant has a stable name and reads an
 * {@link Observation} of the lab (the real PostgreSQL servers, moto's records, the detectors' state),
 * never an assumption. Invariants marked {@link Name#settledOnly()} apply only when the system is
 * settled (no run in progress and every detector has evaluated since the last fault or heal could be
 * detected); the others hold at every step.
 */
public final class Invariants {

    private Invariants() {}

    /** The invariants, by their stable names. */
    public enum Name {
        /** At most one database accepts writes (asked of the real servers). */
        SINGLE_WRITER("single-writer", false),
        /** Acknowledged writes are all on the writer, unless a run recorded a data loss within the RPO budget. */
        NO_LOST_WRITES("no-lost-writes", false),
        /** The DNS answer (and the accelerator's dials) point only at the writer (active-passive) or at healthy regions (active-active). */
        DNS_ANSWER("dns-answer", true),
        /** When any region is healthy, a settled system has a healthy writer taking traffic. */
        HEALTHY_WRITER_IN_TRAFFIC("healthy-writer-in-traffic", true),
        /** No run lock is held and no run is in progress once settled, except a run waiting for a person by policy. */
        NO_RUN_ONCE_SETTLED("no-run-once-settled", true),
        /** Each running detector's belief of which regions take traffic matches the routing. */
        DETECTOR_BELIEF("detector-belief", true);

        private final String key;
        private final boolean settledOnly;

        Name(String key, boolean settledOnly) {
            this.key = key;
            this.settledOnly = settledOnly;
        }

        public String key() {
            return key;
        }

        public boolean settledOnly() {
            return settledOnly;
        }
    }

    /** One broken invariant, with what was observed. */
    public record Violation(Name name, String detail) {
        @Override
        public String toString() {
            return name.key() + ": " + detail;
        }
    }

    /**
     * Acknowledged writes the writer lacks: how many, and the span of their commit times (the largest
     * span of one incident's, when the lost writes fall into several incidents).
     */
    public record Lost(String writer, long count, long windowMillis, List<Long> sequence) {}

    /**
     * What the lab looks like now.
     *
     * @param writers           regions whose database accepts writes now (running, not a standby, not fenced)
     * @param dnsAnswer         the regions the application's name resolves to
     * @param dials             the accelerator's dials by region (empty: no accelerator)
     * @param healthy           regions with no fault on them now
     * @param lost              the write history compared with the writer (empty: no single writer to compare with)
     * @param lossAccepted      a run promoted under the policy (lag within the RPO budget, or a person approved)
     * @param rpoBudgetMillis   the topology's RPO budget
     * @param locksHeld         regions whose table holds the run lock
     * @param runsInProgress    executions still running and not waiting for a person
     * @param waitingForPerson  executions waiting for a person's approval
     * @param approvalByPolicy  the topology asks a person before a data-losing failover
     * @param beliefs           running detector's region -> the regions it believes take traffic
     * @param returning         regions back from an outage whose writer guard has not run since (its first
     *                          scheduled minute back, docs/workflow.md "An old primary that comes back")
     */
    public record Observation(Topology.Mode mode, List<String> writers, List<String> dnsAnswer, Map<String, Float> dials,
                              Set<String> healthy, Optional<Lost> lost, boolean lossAccepted, long rpoBudgetMillis,
                              List<String> locksHeld, List<String> runsInProgress, List<String> waitingForPerson,
                              boolean approvalByPolicy, Map<String, List<String>> beliefs, Set<String> returning) {

        public Observation(Topology.Mode mode, List<String> writers, List<String> dnsAnswer, Map<String, Float> dials,
                           Set<String> healthy, Optional<Lost> lost, boolean lossAccepted, long rpoBudgetMillis,
                           List<String> locksHeld, List<String> runsInProgress, List<String> waitingForPerson,
                           boolean approvalByPolicy, Map<String, List<String>> beliefs) {
            this(mode, writers, dnsAnswer, dials, healthy, lost, lossAccepted, rpoBudgetMillis, locksHeld, runsInProgress,
                    waitingForPerson, approvalByPolicy, beliefs, Set.of());
        }

        /**
         * The writers that count for {@code single-writer}: every database that accepts writes, except
         * a returning one that takes no traffic (no DNS answer, no dial) until its guard's first run:
         * nothing can fence a region before it is back.
         */
        public List<String> countedWriters() {
            return writers.stream().filter(w -> !returning.contains(w) || inTraffic().contains(w)).toList();
        }

        /** The regions taking traffic: answered by DNS and not dialled to 0 by the accelerator. */
        public List<String> inTraffic() {
            return dnsAnswer.stream().filter(r -> dials.isEmpty() || dials.getOrDefault(r, 0f) > 0).toList();
        }
    }

    /** Every invariant that applies ({@code settled}: the settled-only ones too). */
    public static List<Violation> check(Observation o, boolean settled) {
        List<Violation> found = new ArrayList<>();
        List<String> returningCounted = o.countedWriters().stream().filter(o.returning()::contains).toList();
        singleWriter(o.countedWriters()).map(v -> returningCounted.isEmpty() ? v
                : new Violation(v.name(), v.detail() + " (" + returningCounted + " returning from an outage, before its guard ran,"
                        + " and taking traffic)")).ifPresent(found::add);
        // with what the checker saw, so that a lost-writes finding says which writer it compared with and why
        noLostWrites(o.lost(), o.lossAccepted(), o.rpoBudgetMillis())
                .map(v -> new Violation(v.name(), v.detail() + "; seen: writers " + o.writers() + ", DNS answer " + o.dnsAnswer()
                        + ", in traffic " + o.inTraffic() + ", returning " + new java.util.TreeSet<>(o.returning())))
                .ifPresent(found::add);
        if (settled) {
            // a run waiting for a person by policy leaves the writer undecided: the person decides where it goes
            boolean undecided = o.approvalByPolicy() && !o.waitingForPerson().isEmpty();
            if (!undecided) {
                dnsAnswer(o.mode(), o.writers(), o.dnsAnswer(), o.dials(), o.healthy()).ifPresent(found::add);
                healthyWriterInTraffic(o).ifPresent(found::add);
            }
            noRunOnceSettled(o.locksHeld(), o.runsInProgress(), o.waitingForPerson(), o.approvalByPolicy()).ifPresent(found::add);
            detectorBelief(o.beliefs(), o.inTraffic()).ifPresent(found::add);
        }
        return found;
    }

    public static Optional<Violation> singleWriter(List<String> writers) {
        return writers.size() <= 1 ? Optional.empty()
                : Optional.of(new Violation(Name.SINGLE_WRITER, writers.size() + " databases accept writes: " + writers));
    }

    public static Optional<Violation> noLostWrites(Optional<Lost> lost, boolean lossAccepted, long rpoBudgetMillis) {
        if (lost.isEmpty() || lost.get().count() == 0) {
            return Optional.empty();
        }
        Lost l = lost.get();
        if (lossAccepted && l.windowMillis() <= rpoBudgetMillis) {
            return Optional.empty();
        }
        return Optional.of(new Violation(Name.NO_LOST_WRITES, l.count() + " acknowledged writes are missing from the writer " + l.writer()
                + " (commit times spanning " + l.windowMillis() + " ms; first " + l.sequence().stream().limit(5).toList() + ")"
                + (lossAccepted ? "; more than the RPO budget of " + rpoBudgetMillis + " ms" : "; no run recorded an accepted data loss")));
    }

    /**
     * Active-passive: the answer is not empty and names only the writer's region (the accelerator
     * dials only it). Active-active: the answer is not empty and names only healthy regions when
     * any is healthy (and no dial above 0 points at an unhealthy one).
     */
    public static Optional<Violation> dnsAnswer(Topology.Mode mode, List<String> writers, List<String> answer, Map<String, Float> dials,
                                                Set<String> healthy) {
        if (answer.isEmpty()) {
            return Optional.of(new Violation(Name.DNS_ANSWER, "DNS answers no region"));
        }
        List<String> dialled = dials.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        if (mode == Topology.Mode.ACTIVE_PASSIVE) {
            if (!writers.containsAll(answer)) {
                return Optional.of(new Violation(Name.DNS_ANSWER, "DNS answers " + answer + ", the writer is " + writers));
            }
            if (!dials.isEmpty() && !writers.containsAll(dialled)) {
                return Optional.of(new Violation(Name.DNS_ANSWER, "the accelerator dials " + dialled + " above 0, the writer is " + writers));
            }
            return Optional.empty();
        }
        if (healthy.isEmpty()) {
            return Optional.empty();
        }
        Set<String> bad = new LinkedHashSet<>(answer);
        bad.removeAll(healthy);
        Set<String> badDials = new LinkedHashSet<>(dialled);
        badDials.removeAll(healthy);
        if (!bad.isEmpty() || !badDials.isEmpty()) {
            return Optional.of(new Violation(Name.DNS_ANSWER, "DNS answers " + answer + (dials.isEmpty() ? "" : ", dials " + dials)
                    + ": unhealthy " + (bad.isEmpty() ? badDials : bad) + "; healthy " + healthy));
        }
        return Optional.empty();
    }

    public static Optional<Violation> healthyWriterInTraffic(Observation o) {
        if (o.healthy().isEmpty()) {
            return Optional.empty();
        }
        List<String> healthyWriters = o.writers().stream().filter(o.healthy()::contains).toList();
        if (healthyWriters.isEmpty()) {
            return Optional.of(new Violation(Name.HEALTHY_WRITER_IN_TRAFFIC, "no healthy region's database accepts writes (writers "
                    + o.writers() + ", healthy " + o.healthy() + ")"));
        }
        if (o.mode() == Topology.Mode.ACTIVE_PASSIVE && o.inTraffic().stream().noneMatch(healthyWriters::contains)) {
            return Optional.of(new Violation(Name.HEALTHY_WRITER_IN_TRAFFIC, "the healthy writer " + healthyWriters
                    + " takes no traffic (traffic: " + o.inTraffic() + ")"));
        }
        if (o.mode() == Topology.Mode.ACTIVE_ACTIVE && o.inTraffic().stream().noneMatch(o.healthy()::contains)) {
            return Optional.of(new Violation(Name.HEALTHY_WRITER_IN_TRAFFIC, "no healthy region takes traffic (traffic: " + o.inTraffic()
                    + ", healthy " + o.healthy() + ")"));
        }
        return Optional.empty();
    }

    public static Optional<Violation> noRunOnceSettled(List<String> locksHeld, List<String> runsInProgress, List<String> waitingForPerson,
                                                       boolean approvalByPolicy) {
        if (!runsInProgress.isEmpty()) {
            return Optional.of(new Violation(Name.NO_RUN_ONCE_SETTLED, "runs still in progress: " + runsInProgress));
        }
        if (!waitingForPerson.isEmpty() && !approvalByPolicy) {
            return Optional.of(new Violation(Name.NO_RUN_ONCE_SETTLED, "runs wait for a person although the policy asks none: "
                    + waitingForPerson));
        }
        if (!locksHeld.isEmpty() && waitingForPerson.isEmpty()) {
            return Optional.of(new Violation(Name.NO_RUN_ONCE_SETTLED, "the run lock is held in " + locksHeld + " and no run is in progress"));
        }
        return Optional.empty();
    }

    public static Optional<Violation> detectorBelief(Map<String, List<String>> beliefs, List<String> inTraffic) {
        Set<String> routed = Set.copyOf(inTraffic);
        List<String> wrong = new ArrayList<>();
        beliefs.forEach((detector, believed) -> {
            if (!Set.copyOf(believed).equals(routed)) {
                wrong.add(detector + " believes " + believed);
            }
        });
        return wrong.isEmpty() ? Optional.empty()
                : Optional.of(new Violation(Name.DETECTOR_BELIEF, String.join("; ", wrong) + "; the routing sends traffic to " + inTraffic));
    }
}
