package dev.crossfade.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The failover policy (docs/detection.md "Policy rules"): quorum of independent signals held for
 * the dwell time, one open incident at a time, cooldown between executions, the best-priority
 * healthy target, never zero regions in traffic, the RPO budget, and monitor mode. Pure: the
 * same inputs give the same decision, offline in the CLI as in the Lambda.
 */
public final class DecisionEngine {

    /** The decision and the state to store after it. */
    public record Outcome(Decision decision, DetectorState state) {}

    public Outcome evaluate(Deployment d, DetectorState prior, DetectorEvent event, Instant now) {
        if (event instanceof DetectorEvent.Rejected rejected) {
            return new Outcome(Decision.none(rejected.reason()), prior);
        }
        DetectorState state = prior;
        Optional<String> subject = Optional.empty();
        if (event instanceof DetectorEvent.AlarmChange a) {
            Optional<String> untrusted = Freshness.untrustedEventTime(a.at(), now);
            if (untrusted.isPresent()) {
                return new Outcome(Decision.none(a.watchedRegion(), "event " + a.alarmName() + " " + a.state() + ": "
                        + untrusted.get()), prior);
            }
            // within the skew, a time ahead of the clock is taken as now, so it cannot hold the dwell or later events back
            Instant at = a.at().isAfter(now) ? now : a.at();
            state = state.withSignal(a.watchedRegion(), a.signalKey(), a.state(), at, now);
            subject = Optional.of(a.watchedRegion());
        }
        if (event instanceof DetectorEvent.Tick tick) {
            for (DetectorEvent.AlarmChange a : tick.observed()) {
                // read now (DescribeAlarms): an old transition time is the current state's true age; a time ahead is not trusted
                if (!Freshness.inTheFuture(a.at(), now)) {
                    state = state.withSignal(a.watchedRegion(), a.signalKey(), a.state(), a.at().isAfter(now) ? now : a.at(), now);
                }
            }
        }
        state = closeRecoveredIncident(d, state, now);
        List<String> traffic = state.traffic(d);
        List<Outcome> quiet = new ArrayList<>();
        for (RegionSpec region : d.regions()) {
            if (!traffic.contains(region.name())) {
                continue;
            }
            Outcome o = evaluateRegion(d, state, region.name(), now);
            if (o.decision().action() != Decision.Action.NONE) {
                return o;
            }
            quiet.add(o);
        }
        return new Outcome(summary(quiet, subject, traffic), state);
    }

    private Outcome evaluateRegion(Deployment d, DetectorState s, String region, Instant now) {
        FailoverPolicy p = d.policy();
        List<Map.Entry<String, SignalState>> alarms = independentAlarms(s.signalsOf(region));
        if (alarms.size() < p.quorum()) {
            return quiet(s, region, region + ": " + alarms.size() + " of " + p.quorum() + " required signals in ALARM"
                    + (alarms.isEmpty() ? "" : " " + keys(alarms)));
        }
        List<Map.Entry<String, SignalState>> held = alarms.stream()
                .filter(e -> !e.getValue().since().plus(p.dwell()).isAfter(now)).toList();
        if (held.size() < p.quorum()) {
            Instant until = alarms.get(p.quorum() - 1).getValue().since().plus(p.dwell());
            return quiet(s, region, region + ": quorum of " + p.quorum() + " reached " + keys(alarms)
                    + " but the dwell of " + p.dwellSeconds() + " s holds until " + until);
        }
        Instant detectedAt = held.get(p.quorum() - 1).getValue().since().plus(p.dwell());
        if (s.openIncident().isPresent()) {
            Incident i = s.openIncident().get();
            return quiet(s, region, region + ": unhealthy, but incident " + i.id() + " (" + i.from() + " -> " + i.to()
                    + ", " + i.status() + i.executionName().map(n -> ", execution " + n).orElse("")
                    + ") is still open; at most one execution per incident");
        }
        Optional<Instant> cooldownEnd = s.lastExecutionAt().map(t -> t.plus(p.cooldown())).filter(end -> end.isAfter(now));
        if (cooldownEnd.isPresent()) {
            return quiet(s, region, region + ": unhealthy, but in cooldown of " + p.cooldownMinutes()
                    + " min after the last execution, until " + cooldownEnd.get());
        }
        Optional<RegionSpec> target = d.regions().stream()
                .filter(r -> !r.name().equals(region))
                .filter(r -> healthy(s, r.name(), p, now))
                .findFirst();
        if (target.isEmpty()) {
            return quiet(s, region, region + ": unhealthy, but no other enabled region is healthy; "
                    + region + " stays in traffic so that never zero regions take traffic");
        }
        return act(d, s, region, target.get().name(), held.subList(0, p.quorum()), detectedAt, now);
    }

    private Outcome act(Deployment d, DetectorState s, String from, String to, List<Map.Entry<String, SignalState>> quorum,
                        Instant detectedAt, Instant now) {
        FailoverPolicy p = d.policy();
        String incidentId = from + "-" + detectedAt.getEpochSecond();
        String why = from + " unhealthy: " + keys(quorum) + " in ALARM for at least " + p.dwellSeconds()
                + " s (quorum " + p.quorum() + "); " + to + " is the healthy region with the best priority";
        Optional<Double> lag = s.freshLag(to, now).map(LagReading::seconds);
        if (lag.isPresent() && lag.get() > p.rpoBudgetSeconds()) {
            String lagText = "replica lag in " + to + " is " + lag.get() + " s, above the RPO budget of " + p.rpoBudgetSeconds() + " s";
            if (!p.approvalForDataLoss()) {
                return quiet(s, from, why + "; aborted: " + lagText);
            }
            Incident incident = new Incident(incidentId, from, to, now, Optional.empty(), false, Incident.AWAITING_APPROVAL);
            return new Outcome(decision(Decision.Action.NOTIFY_ONLY, from, to, why + "; " + lagText
                    + ": waiting for approval (run the failover by hand to accept the data loss)", Optional.empty(), incidentId, true),
                    s.withIncident(Optional.of(incident)));
        }
        String lagNote = lag.map(l -> "; replica lag " + l + " s within " + p.rpoBudgetSeconds() + " s")
                .orElse("; replica lag unknown here, the workflow checks it before promotion");
        if (!p.automatic()) {
            Incident incident = new Incident(incidentId, from, to, now, Optional.empty(), false, Incident.NOTIFIED);
            return new Outcome(decision(Decision.Action.NOTIFY_ONLY, from, to, "monitor mode (failover.automatic: false), would fail over: "
                    + why + lagNote, Optional.empty(), incidentId, false), s.withIncident(Optional.of(incident)));
        }
        String name = ExecutionNames.of(from, to, detectedAt, p.cooldown());
        Incident incident = new Incident(incidentId, from, to, now, Optional.of(name), false, Incident.EXECUTING);
        List<String> traffic = new ArrayList<>(s.traffic(d));
        traffic.remove(from);
        if (!traffic.contains(to)) {
            traffic.add(to);
        }
        return new Outcome(decision(Decision.Action.FAILOVER, from, to, why + lagNote, Optional.of(name), incidentId, false),
                s.withFailover(traffic, now, incident));
    }

    /**
     * The signals in ALARM that count as independent votes, oldest first. A composite alarm is
     * built from the alarms of the region it lives in, so it adds no vote while any other signal
     * of the same observer is in ALARM (its inputs are already counted); alone, it stands for them.
     */
    static List<Map.Entry<String, SignalState>> independentAlarms(Map<String, SignalState> signals) {
        List<Map.Entry<String, SignalState>> alarms = signals.entrySet().stream()
                .filter(e -> e.getValue().state() == AlarmState.ALARM)
                .sorted(Comparator.comparing(e -> e.getValue().since()))
                .toList();
        return alarms.stream()
                .filter(e -> !isComposite(e.getKey()) || alarms.stream()
                        .noneMatch(o -> !isComposite(o.getKey()) && observer(o.getKey()).equals(observer(e.getKey()))))
                .toList();
    }

    private static boolean isComposite(String signalKey) {
        return signalKey.startsWith("composite@");
    }

    private static String observer(String signalKey) {
        return signalKey.substring(signalKey.indexOf('@') + 1);
    }

    /** Healthy enough to receive traffic: no signal in ALARM, none that left ALARM recently. */
    static boolean healthy(DetectorState s, String region, FailoverPolicy p, Instant now) {
        return s.signalsOf(region).values().stream()
                .noneMatch(sig -> sig.state() == AlarmState.ALARM || sig.recentlyRecovered(now, p));
    }

    private static DetectorState closeRecoveredIncident(Deployment d, DetectorState s, Instant now) {
        return s.openIncident()
                .filter(i -> healthy(s, i.from(), d.policy(), now))
                .map(i -> s.withIncident(Optional.empty()))
                .orElse(s);
    }

    private static Decision summary(List<Outcome> quiet, Optional<String> subject, List<String> traffic) {
        if (subject.isPresent() && !traffic.contains(subject.get())) {
            return Decision.none(subject.get(), subject.get() + " is not taking traffic; signal recorded, nothing to move");
        }
        return quiet.stream()
                .filter(o -> subject.isEmpty() || o.decision().subject().equals(subject))
                .map(Outcome::decision)
                .findFirst()
                .orElse(Decision.none("no region in traffic needs a failover"));
    }

    private static Outcome quiet(DetectorState s, String region, String reason) {
        return new Outcome(Decision.none(region, reason), s);
    }

    private static Decision decision(Decision.Action action, String from, String to, String reason,
                                     Optional<String> executionName, String incidentId, boolean approval) {
        return new Decision(action, Optional.of(from), Optional.of(to), reason, executionName,
                Optional.of(incidentId), Optional.of(from), approval);
    }

    private static String keys(List<Map.Entry<String, SignalState>> entries) {
        return entries.stream().map(Map.Entry::getKey).toList().toString();
    }
}
