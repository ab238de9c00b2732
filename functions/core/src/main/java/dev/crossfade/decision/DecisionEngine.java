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
        if (event instanceof DetectorEvent.RunStatus run) {
            return runEnded(d, prior, run, now);
        }
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
        state = standbysBack(d, state, now);
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
        String writer = s.writer(d);
        if (d.activeActive() && !region.equals(writer)) {
            return standbyOut(d, s, region, writer, held.subList(0, p.quorum()));
        }
        Optional<Incident> retry = Optional.empty();
        if (s.openIncident().isPresent()) {
            Incident i = s.openIncident().get();
            if (!(i.status().equals(Incident.RUN_FAILED) && i.from().equals(region))) {
                return quiet(s, region, region + ": unhealthy, but incident " + i.id() + " (" + i.from() + " -> " + i.to()
                        + ", " + i.status() + i.executionName().map(n -> ", execution " + n).orElse("")
                        + (i.status().equals(Incident.ESCALATED) ? ") was escalated to a person after " + i.runs()
                        + " runs that did not succeed; no further automatic run" : ") is still open; at most one execution per incident"));
            }
            retry = Optional.of(i);
        }
        Optional<Instant> cooldownEnd = s.lastExecutionAt().map(t -> t.plus(p.cooldown())).filter(end -> end.isAfter(now));
        if (cooldownEnd.isPresent()) {
            return quiet(s, region, region + ": unhealthy, but in cooldown of " + p.cooldownMinutes()
                    + " min after the last execution, until " + cooldownEnd.get()
                    + retry.map(i -> "; then incident " + i.id() + " is retried (run " + (i.runs() + 1) + " of " + Incident.MAX_RUNS + ")").orElse(""));
        }
        Optional<RegionSpec> target = d.regions().stream()
                .filter(r -> !r.name().equals(region))
                .filter(r -> !s.notFollowing().contains(r.name()))
                .filter(r -> healthy(s, r.name(), p, now))
                .findFirst();
        if (target.isEmpty()) {
            List<String> stale = d.regions().stream().map(RegionSpec::name)
                    .filter(r -> !r.equals(region) && s.notFollowing().contains(r)).toList();
            return quiet(s, region, region + ": unhealthy, but no other enabled region is healthy"
                    + (stale.isEmpty() ? "" : " and follows the writer (" + String.join(", ", stale)
                    + " does not: an old primary, which failback rebuilds)") + "; "
                    + region + " stays in traffic so that never zero regions take traffic");
        }
        return act(d, s, region, target.get().name(), held.subList(0, p.quorum()), detectedAt, now, retry);
    }

    /**
     * Active-active, a region that is not the writer fails: it is taken out of traffic (its health
     * checks drop it from the DNS answer and the accelerator; the detector's belief follows), the
     * writer stays, no workflow runs and no incident opens, so a later failure of the writer is
     * still handled at once. Never the last region in traffic.
     */
    private static Outcome standbyOut(Deployment d, DetectorState s, String standby, String writer,
                                      List<Map.Entry<String, SignalState>> quorum) {
        List<String> traffic = s.traffic(d);
        if (traffic.size() <= 1) {
            return quiet(s, standby, standby + ": unhealthy, but it is the only region taking traffic; it stays so that never zero regions take traffic");
        }
        String reason = "standby " + standby + " unhealthy: " + keys(quorum) + " in ALARM (quorum " + d.policy().quorum()
                + "); taken out of traffic (its health checks drop it from DNS and the accelerator); the writer stays in " + writer
                + "; no failover run for a standby";
        Decision decision = new Decision(Decision.Action.NOTIFY_ONLY, Optional.of(standby), Optional.empty(), reason, Optional.empty(),
                Optional.empty(), Optional.of(standby), false);
        return new Outcome(decision, s.withStandbyOut(d, standby));
    }

    /** Standbys taken out of traffic come back once healthy again (with hysteresis). */
    private static DetectorState standbysBack(Deployment d, DetectorState s, Instant now) {
        DetectorState out = s;
        for (String standby : s.standbysOut()) {
            if (healthy(out, standby, d.policy(), now)) {
                out = out.withStandbyBack(d, standby);
            }
        }
        return out;
    }

    /**
     * What actually happened to a run. SUCCEEDED confirms the belief; FAILED, TIMED_OUT or ABORTED
     * put the failed region back in traffic and the writer back where it was, and keep the
     * incident open: it is retried after the cooldown, or escalated to a person after
     * {@link Incident#MAX_RUNS} runs. Never forgotten.
     */
    private static Outcome runEnded(Deployment d, DetectorState s, DetectorEvent.RunStatus run, Instant now) {
        Optional<Incident> open = s.openIncident().filter(i -> i.isRun(run.executionName()));
        if (open.isEmpty()) {
            return new Outcome(Decision.none("execution " + run.executionName() + " " + run.status()
                    + ": not the run of this detector's open incident; nothing to update"), s);
        }
        Incident i = open.get();
        if (!run.ended() || i.status().equals(Incident.RUN_FAILED) || i.status().equals(Incident.ESCALATED)
                || i.status().equals(Incident.SUCCEEDED)) {
            return new Outcome(Decision.none(i.from(), "execution " + run.executionName() + " " + run.status()
                    + " (incident " + i.id() + " is " + i.status() + ")"), s);
        }
        if (run.succeeded()) {
            return new Outcome(Decision.none(i.from(), "execution " + run.executionName() + " SUCCEEDED: " + i.to()
                    + " took over from " + i.from() + "; the incident closes when " + i.from() + " has recovered"),
                    s.withIncident(Optional.of(i.withStatus(Incident.SUCCEEDED))));
        }
        List<String> traffic = new ArrayList<>(s.traffic(d));
        if (!d.activeActive()) {
            traffic.remove(i.to());
        }
        if (!traffic.contains(i.from())) {
            traffic.add(0, i.from());
        }
        boolean escalate = i.runs() >= Incident.MAX_RUNS || !d.policy().automatic();
        Incident next = i.withStatus(escalate ? Incident.ESCALATED : Incident.RUN_FAILED);
        DetectorState after = s.withRouting(traffic, i.from(), s.standbysOut()).withIncident(Optional.of(next));
        String what = "execution " + run.executionName() + " ended " + run.status() + " in " + run.region() + ": " + i.from()
                + " still takes traffic and stays the writer; incident " + i.id() + " stays open";
        String then = escalate
                ? "; escalated to a person after " + i.runs() + " run(s) that did not succeed: run the failover by hand or fix the cause"
                : "; retried after the cooldown" + s.lastExecutionAt().map(t -> " (from " + t.plus(d.policy().cooldown()) + ")").orElse("")
                + " if " + i.from() + " is still unhealthy";
        return new Outcome(new Decision(Decision.Action.NOTIFY_ONLY, Optional.of(i.from()), Optional.of(i.to()), what + then,
                Optional.empty(), Optional.of(i.id()), Optional.of(i.from()), false), after);
    }

    private Outcome act(Deployment d, DetectorState s, String from, String to, List<Map.Entry<String, SignalState>> quorum,
                        Instant detectedAt, Instant now, Optional<Incident> retry) {
        FailoverPolicy p = d.policy();
        String incidentId = retry.map(Incident::id).orElse(from + "-" + detectedAt.getEpochSecond());
        int runs = retry.map(i -> i.runs() + 1).orElse(1);
        String why = from + " unhealthy: " + keys(quorum) + " in ALARM for at least " + p.dwellSeconds()
                + " s (quorum " + p.quorum() + "); " + to + " is the healthy region with the best priority"
                + retry.map(i -> "; retry " + runs + " of " + Incident.MAX_RUNS + " of incident " + i.id() + " after a run that did not succeed").orElse("");
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
        // a retry is named from its own time (past the cooldown, so in a later bucket than the run that failed)
        String name = ExecutionNames.of(from, to, retry.isPresent() ? now : detectedAt, p.cooldown());
        Incident incident = new Incident(incidentId, from, to, retry.map(Incident::openedAt).orElse(now), Optional.of(name), false,
                Incident.EXECUTING, runs);
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
