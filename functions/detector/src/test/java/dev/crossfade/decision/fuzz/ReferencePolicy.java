package dev.crossfade.decision.fuzz;

import dev.crossfade.decision.AlarmState;
import dev.crossfade.decision.Decision.Action;
import dev.crossfade.decision.Deployment;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.FailoverPolicy;
import dev.crossfade.decision.RegionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An independent model of the failover policy, written from docs/detection.md ("Policy rules")
 * alone, not from {@code DecisionEngine}: it reads the prior
 * state's plain values and applies the nine rules in its own words. The fuzzer trusts the engine
 * only where both agree.
 */
final class ReferencePolicy {

    /** What the policy must answer. {@code from}/{@code to} are null for NONE. */
    record Expected(Action action, String from, String to, boolean approvalRequired, String why) {
        static Expected none(String why) {
            return new Expected(Action.NONE, null, null, false, why);
        }
    }

    /** One signal as the model keeps it: state, when it entered it, and the state before. */
    private record Sig(AlarmState state, Instant since, AlarmState before) {}

    /** docs/detection.md "Time and reading ages", in seconds. */
    static final long SKEW_SECONDS = 60;
    static final long EVENT_AGE_SECONDS = 15 * 60;
    static final long LAG_AGE_SECONDS = 120;

    private ReferencePolicy() {}

    /** {@code alarm} is the accepted alarm change, or empty for a scheduled tick. */
    static Expected decide(Deployment d, DetectorState prior, Optional<EventCheck.Alarm> alarm, Instant now) {
        FailoverPolicy p = d.policy();
        if (alarm.isPresent()) { // an event dated too far ahead or too long ago is ignored, the state untouched
            Instant at = alarm.get().at();
            if (at.isAfter(now.plusSeconds(SKEW_SECONDS)) || at.isBefore(now.minusSeconds(EVENT_AGE_SECONDS))) {
                return Expected.none("event time " + at + " outside [now - 15 min, now + 60 s]");
            }
        }
        Map<String, Map<String, Sig>> signals = copy(prior);
        // an event time within the skew ahead of now is taken as now
        alarm.map(a -> a.at().isAfter(now) ? new EventCheck.Alarm(a.watchedRegion(), a.signal(), a.observer(), a.state(), now) : a)
                .ifPresent(a -> record(signals, a, now));

        // rule 3 + 6: the open incident closes once its failed region is healthy again
        boolean incidentOpen = prior.openIncident().isPresent()
                && !isHealthy(signals.getOrDefault(prior.openIncident().get().from(), Map.of()), p, now);

        List<String> inTraffic = prior.regionsInTraffic().isEmpty() ? asDeployed(d) : prior.regionsInTraffic();
        List<RegionSpec> ranked = new ArrayList<>(d.regions());
        ranked.sort((a, b) -> Integer.compare(a.priority(), b.priority()));

        for (RegionSpec failing : ranked) {
            if (!inTraffic.contains(failing.name())) {
                continue; // never fail over away from a region that takes no traffic
            }
            Map<String, Sig> votes = votes(signals.getOrDefault(failing.name(), Map.of()));
            long inAlarm = votes.size();
            long heldForDwell = votes.values().stream()
                    .filter(s -> !now.isBefore(s.since().plusSeconds(p.dwellSeconds())))
                    .count();
            if (inAlarm < p.quorum() || heldForDwell < p.quorum()) {
                continue; // rules 1, 2
            }
            String writer = prior.writerRegion().orElse(d.primary().name());
            if (d.activeActive() && !failing.name().equals(writer)) { // a standby: out of traffic, never a run
                if (inTraffic.size() > 1) {
                    return new Expected(Action.NOTIFY_ONLY, failing.name(), null, false, "standby " + failing.name() + " out of traffic");
                }
                continue;
            }
            if (incidentOpen) {
                continue; // rule 3
            }
            if (prior.lastExecutionAt().isPresent()
                    && now.isBefore(prior.lastExecutionAt().get().plusSeconds(60L * p.cooldownMinutes()))) {
                continue; // rule 4
            }
            String target = null;
            for (RegionSpec candidate : ranked) { // rule 5: best priority, enabled (d.regions() holds only those), healthy
                if (!candidate.name().equals(failing.name())
                        && isHealthy(signals.getOrDefault(candidate.name(), Map.of()), p, now)) {
                    target = candidate.name();
                    break;
                }
            }
            if (target == null) {
                continue; // rule 7: never zero regions
            }
            var reading = prior.replicaLagSeconds().get(target); // a reading counts only while fresh
            Double lag = reading == null || reading.readAt().isBefore(now.minusSeconds(LAG_AGE_SECONDS))
                    || reading.readAt().isAfter(now.plusSeconds(SKEW_SECONDS)) ? null : reading.seconds();
            if (lag != null && lag > p.rpoBudgetSeconds()) { // rule 8
                if (p.approvalForDataLoss()) {
                    return new Expected(Action.NOTIFY_ONLY, failing.name(), target, true, "lag " + lag + " above budget, approval");
                }
                continue; // aborted: nothing for this region
            }
            if (!p.automatic()) { // rule 9
                return new Expected(Action.NOTIFY_ONLY, failing.name(), target, false, "monitor mode");
            }
            return new Expected(Action.FAILOVER, failing.name(), target, false, failing.name() + " -> " + target);
        }
        return Expected.none("no region in traffic meets every rule");
    }

    /**
     * docs/detection.md "Run outcomes", in its own words: only the open incident's run counts (by
     * its execution name, or a PEER_LOCKED incident without one by the name's {@code <from>-to-<to>-}
     * prefix); an ended run that did not succeed is a NOTIFY_ONLY for people; anything else NONE.
     * Its time is not judged (a run's end is never too old to apply).
     */
    static Expected runEnded(DetectorState prior, EventCheck.Run run) {
        if (prior.openIncident().isEmpty()) {
            return Expected.none("run status without an open incident");
        }
        var i = prior.openIncident().get();
        boolean ours = i.executionName().isPresent() ? i.executionName().get().equals(run.executionName())
                : i.status().equals(dev.crossfade.decision.Incident.PEER_LOCKED) && run.executionName().startsWith(i.from() + "-to-" + i.to() + "-");
        if (!ours) {
            return Expected.none("not the open incident's run");
        }
        if (!List.of("RUNNING", "SUCCEEDED").contains(run.status())
                && !List.of("RUN_FAILED", "ESCALATED", "SUCCEEDED").contains(i.status())) {
            return new Expected(Action.NOTIFY_ONLY, i.from(), i.to(), false, "run " + run.status() + ": back to " + i.from());
        }
        return Expected.none("run " + run.status() + ", incident " + i.status());
    }

    /** Healthy: nothing in ALARM, and nothing that left ALARM less than max(60 s, 2 x dwell) ago. */
    private static boolean isHealthy(Map<String, Sig> sigs, FailoverPolicy p, Instant now) {
        long recoverySeconds = Math.max(60, 2L * p.dwellSeconds());
        for (Sig s : sigs.values()) {
            if (s.state() == AlarmState.ALARM) {
                return false;
            }
            if (s.before() == AlarmState.ALARM && now.isBefore(s.since().plusSeconds(recoverySeconds))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Independent votes: the signals in ALARM, except a composite alarm while another signal seen
     * by the same observer is in ALARM (the composite is made of those).
     */
    private static Map<String, Sig> votes(Map<String, Sig> sigs) {
        Map<String, Sig> out = new HashMap<>();
        sigs.forEach((key, s) -> {
            if (s.state() != AlarmState.ALARM) {
                return;
            }
            String observer = key.substring(key.indexOf('@') + 1);
            boolean covered = key.startsWith("composite@") && sigs.entrySet().stream().anyMatch(o -> !o.getKey().startsWith("composite@")
                    && o.getKey().endsWith("@" + observer) && o.getValue().state() == AlarmState.ALARM);
            if (!covered) {
                out.put(key, s);
            }
        });
        return out;
    }

    /**
     * A repeat keeps the first time (no dwell restart); an event older than what is known is stale;
     * a known time more than the skew ahead of now is not trusted and is replaced by the event.
     */
    private static void record(Map<String, Map<String, Sig>> signals, EventCheck.Alarm a, Instant now) {
        Map<String, Sig> own = signals.computeIfAbsent(a.watchedRegion(), r -> new HashMap<>());
        String key = a.signal() + "@" + a.observer();
        Sig known = own.get(key);
        if (known == null) {
            own.put(key, new Sig(a.state(), a.at(), null));
        } else if (known.since().isAfter(now.plusSeconds(SKEW_SECONDS))) {
            own.put(key, known.state() == a.state() ? new Sig(a.state(), a.at(), known.before()) : new Sig(a.state(), a.at(), known.state()));
        } else if (known.state() != a.state() && !a.at().isBefore(known.since())) {
            own.put(key, new Sig(a.state(), a.at(), known.state()));
        }
    }

    private static Map<String, Map<String, Sig>> copy(DetectorState prior) {
        Map<String, Map<String, Sig>> out = new HashMap<>();
        prior.signals().forEach((region, byKey) -> {
            Map<String, Sig> sigs = new HashMap<>();
            byKey.forEach((key, s) -> sigs.put(key, new Sig(s.state(), s.since(), s.previous().orElse(null))));
            out.put(region, sigs);
        });
        return out;
    }

    private static List<String> asDeployed(Deployment d) {
        List<String> out = new ArrayList<>();
        for (RegionSpec r : d.regions()) {
            if (d.activeActive() || r.primary()) {
                out.add(r.name());
            }
        }
        return out;
    }
}
