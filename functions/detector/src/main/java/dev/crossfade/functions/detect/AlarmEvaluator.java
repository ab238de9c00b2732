package dev.crossfade.functions.detect;

import dev.crossfade.decision.Decision;
import dev.crossfade.decision.DecisionEngine;
import dev.crossfade.decision.DecisionEngine.Outcome;
import dev.crossfade.decision.DecisionJson;
import dev.crossfade.decision.DetectorEvent;
import dev.crossfade.decision.DetectorState;
import dev.crossfade.decision.EventParser;
import dev.crossfade.decision.Incident;
import dev.crossfade.functions.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One evaluation, without Lambda types: parse, decide on the stored state, store the new state
 * with a conditional write (the single winner of concurrent evaluations), take the failover
 * lock in the target region, start the workflow, audit, publish. Malformed events stop at the
 * parser: logged, answered NONE, no AWS call.
 */
public final class AlarmEvaluator {

    static final int MAX_ATTEMPTS = 5;

    private final DetectorConfig config;
    private final StateStore store;
    private final WorkflowStarter starter;
    private final ReplicaLagReader lag;
    private final DecisionPublisher publisher;
    private final AlarmStateReader alarms;
    private final JsonLog log;
    private final Clock clock;
    private final DecisionEngine engine = new DecisionEngine();
    private final Optional<RoutingRepublisher> routing;

    public AlarmEvaluator(DetectorConfig config, StateStore store, WorkflowStarter starter, ReplicaLagReader lag,
                          DecisionPublisher publisher, AlarmStateReader alarms, JsonLog log, Clock clock) {
        this(config, store, starter, lag, publisher, alarms, log, clock, Optional.empty());
    }

    /** @param routing republishes this region's routing control on every scheduled tick (docs/routing.md) */
    public AlarmEvaluator(DetectorConfig config, StateStore store, WorkflowStarter starter, ReplicaLagReader lag,
                          DecisionPublisher publisher, AlarmStateReader alarms, JsonLog log, Clock clock,
                          Optional<RoutingRepublisher> routing) {
        this.routing = Objects.requireNonNull(routing);
        this.config = Objects.requireNonNull(config);
        this.store = Objects.requireNonNull(store);
        this.starter = Objects.requireNonNull(starter);
        this.lag = Objects.requireNonNull(lag);
        this.publisher = Objects.requireNonNull(publisher);
        this.alarms = Objects.requireNonNull(alarms);
        this.log = Objects.requireNonNull(log);
        this.clock = Objects.requireNonNull(clock);
    }

    public Decision evaluate(byte[] payload) {
        DetectorEvent event = new EventParser(config.deployment()).parseLenient(payload);
        if (event instanceof DetectorEvent.Rejected rejected) {
            JsonObject entry = log.entry("WARN", "event rejected");
            entry.put("reason", rejected.reason()).put("action", "NONE").put("bytes", payload.length);
            log.write(entry);
            return Decision.none(rejected.reason());
        }
        Instant now = clock.instant();
        Optional<RoutingRepublisher.Durable> durable = Optional.empty();
        if (event instanceof DetectorEvent.Tick tick) {
            durable = republishRouting();
            event = tick.withObserved(alarms.read());
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            DetectorState loaded = store.load();
            DetectorState current = durable.map(d -> reconcile(loaded, d)).orElse(loaded);
            Outcome outcome = decideWithFreshLag(current, event, now);
            outcome = lockOrStandDown(outcome, now);
            if (!store.save(outcome.state(), loaded.version(), now)) {
                continue;
            }
            DetectorState saved = outcome.state().withVersion(loaded.version() + 1);
            startPendingExecution(saved, outcome.decision().reason(), now);
            record(event, outcome.decision(), now);
            return outcome.decision();
        }
        Decision gaveUp = Decision.none("state changed under " + MAX_ATTEMPTS + " attempts in a row; the next scheduled evaluation retries");
        record(event, gaveUp, now);
        return gaveUp;
    }

    /**
     * The belief brought up to what the last run recorded, unless a run of its own is in progress
     * (its outcome event tells; the republisher reads nothing while any run holds the lock in this
     * region's table): a detector whose region was out missed the run's outcome event and would
     * otherwise keep believing the old writer takes traffic. Traffic: each enabled region's recorded desired state, else as deployed, without the
     * standbys this detector took out (active-active); and the regions that do not follow the writer,
     * which the engine never picks as a target.
     */
    DetectorState reconcile(DetectorState loaded, RoutingRepublisher.Durable durable) {
        var d = config.deployment();
        // not compared by time with its own last decision: the record is stamped by the workflow's clock, the
        // decision by the detector's (in the lab a drill clock running ahead); a run of its own in progress is what waits
        if (loaded.openIncident().map(i -> i.status().equals(Incident.EXECUTING)).orElse(false)) {
            return loaded;
        }
        java.util.List<String> traffic = d.regions().stream().map(dev.crossfade.decision.RegionSpec::name)
                .filter(r -> durable.intents().getOrDefault(r, d.initialTraffic().contains(r)))
                .filter(r -> !loaded.standbysOut().contains(r)).toList();
        if (traffic.isEmpty() || (Set.copyOf(traffic).equals(Set.copyOf(loaded.traffic(d))) && durable.writer().equals(loaded.writer(d))
                && Set.copyOf(durable.notFollowing()).equals(Set.copyOf(loaded.notFollowing())))) {
            return loaded;
        }
        JsonObject entry = log.entry("INFO", "belief reconciled");
        entry.put("region", config.region()).put("writer", durable.writer()).put("traffic", String.join(",", traffic))
                .put("believed", String.join(",", loaded.traffic(d))).put("notFollowing", String.join(",", durable.notFollowing()));
        log.write(entry);
        return loaded.withRouting(traffic, durable.writer(), loaded.standbysOut()).withNotFollowing(durable.notFollowing());
    }

    /**
     * Keeps the routing control's metric fresh, and returns what the durable records say the last
     * run left (read in the same pass). Best effort: a failure is logged and counted
     * ({@code Crossfade/Detector RoutingRepublishFailures}) and never fails the evaluation. The
     * datapoint is dated by the real clock: it is what Route 53 reads.
     */
    private Optional<RoutingRepublisher.Durable> republishRouting() {
        if (routing.isEmpty()) {
            return Optional.empty();
        }
        try {
            RoutingRepublisher.Outcome outcome = routing.get().republish(Instant.now());
            JsonObject entry = log.entry("INFO", "routing control republish");
            entry.put("action", outcome.action()).put("detail", outcome.detail());
            log.write(entry);
            return outcome.durable();
        } catch (RuntimeException e) {
            JsonObject warn = log.entry("WARN", "routing control republish failed");
            warn.put("region", config.region()).put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            log.write(warn);
            try {
                publisher.routingRepublishFailed(Instant.now());
            } catch (RuntimeException ignored) {
                // the count is best effort too: the region's CloudWatch may be what failed
            }
            return Optional.empty();
        }
    }

    /**
     * Decides with the replica lag read afresh for every target a decision depends on: stored
     * readings are dropped first (a reading is never reused by a later decision), and an empty
     * or failed read leaves the lag unknown. Bounded by the number of regions.
     */
    private Outcome decideWithFreshLag(DetectorState loaded, DetectorEvent event, Instant now) {
        DetectorState state = loaded;
        for (String region : loaded.replicaLagSeconds().keySet()) {
            state = state.withoutReplicaLag(region);
        }
        Set<String> read = new HashSet<>();
        Outcome outcome = engine.evaluate(config.deployment(), state, event, now);
        while (!(event instanceof DetectorEvent.RunStatus) // a run's outcome never depends on the lag
                && outcome.decision().action() != Decision.Action.NONE && outcome.decision().to().isPresent()
                && read.add(outcome.decision().to().get())) {
            String target = outcome.decision().to().get();
            Optional<Double> seconds = readLag(target, now);
            state = seconds.isPresent() ? state.withReplicaLag(target, seconds.get(), now) : state.withoutReplicaLag(target);
            outcome = engine.evaluate(config.deployment(), state, event, now);
        }
        return outcome;
    }

    private Optional<Double> readLag(String region, Instant now) {
        try {
            return lag.lagSeconds(region, now);
        } catch (SdkException e) {
            JsonObject warn = log.entry("WARN", "replica lag unreadable; counted as unknown");
            warn.put("region", region).put("error", String.valueOf(e.getMessage()));
            log.write(warn);
            return Optional.empty();
        }
    }

    /** Another region's detector already failing over from the same region: record that, act no further. */
    private Outcome lockOrStandDown(Outcome o, Instant now) {
        if (o.decision().action() != Decision.Action.FAILOVER) {
            return o;
        }
        Incident i = o.state().openIncident().orElseThrow();
        if (store.lock(i.to(), i.from(), i.to(), i.executionName().orElseThrow(), now, config.deployment().policy().cooldown())) {
            return o;
        }
        Incident peer = new Incident(i.id(), i.from(), i.to(), i.openedAt(), Optional.empty(), false, Incident.PEER_LOCKED);
        return new Outcome(Decision.none(i.from(), "another detector holds the failover lock for " + i.from()
                + " in " + i.to() + "; not starting a second failover"), o.state().withIncident(Optional.of(peer)));
    }

    /** Starts the open incident's execution unless confirmed; also completes a start a crash interrupted. */
    private void startPendingExecution(DetectorState saved, String reason, Instant now) {
        Optional<Incident> pending = saved.openIncident().filter(i -> i.executionName().isPresent() && !i.started());
        if (pending.isEmpty()) {
            return;
        }
        WorkflowStarter.Result result = starter.start(pending.get(), reason);
        JsonObject entry = log.entry("INFO", "failover workflow " + (result == WorkflowStarter.Result.STARTED ? "started" : "already started"));
        entry.put("executionName", pending.get().executionName().get()).put("targetRegion", pending.get().to());
        log.write(entry);
        DetectorState confirmed = saved.withIncident(Optional.of(pending.get().markStarted()));
        // best effort: if another evaluation wrote meanwhile, a later one confirms again (the start is idempotent)
        store.save(confirmed, saved.version(), now);
    }

    private void record(DetectorEvent event, Decision decision, Instant now) {
        JsonObject json = DecisionJson.toJson(decision);
        JsonObject entry = log.entry(decision.action() == Decision.Action.NONE ? "INFO" : "WARN", "decision");
        entry.putAll(json);
        entry.put("event", summary(event));
        log.write(entry);
        store.audit(now, json.toString(), summary(event));
        try {
            publisher.metrics(event, decision, now);
            if (decision.action() != Decision.Action.NONE) {
                publisher.notify(json.toString());
            }
        } catch (SdkException e) {
            // metrics and notifications never block a decision that is already stored
            JsonObject warn = log.entry("WARN", "publishing failed");
            warn.put("error", e.getMessage());
            log.write(warn);
        }
    }

    private static String summary(DetectorEvent event) {
        return switch (event) {
            case DetectorEvent.AlarmChange a -> a.alarmName() + " " + a.state() + " at " + a.at() + " seen in " + a.observer();
            case DetectorEvent.Tick t -> "scheduled re-evaluation at " + t.at() + " with " + t.observed().size() + " alarms read";
            case DetectorEvent.RunStatus r -> "execution " + r.executionName() + " " + r.status() + " in " + r.region() + " at " + r.at();
            case DetectorEvent.Rejected r -> "rejected: " + r.reason();
        };
    }
}
