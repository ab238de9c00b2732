package dev.crossfade.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the detector remembers between events; its JSON form is the {@code --state} file
 * of {@code crossfade decide} and the item the handler keeps in DynamoDB (docs/detection.md).
 *
 * @param version          optimistic-locking counter of the stored copy
 * @param regionsInTraffic empty means "as deployed" (the primary, or every region if active-active)
 * @param signals          region -> signal key ({@code signal@observer}) -> last state
 * @param replicaLagSeconds last replica-lag reading per region (the possible targets), with when it was read
 * @param writerRegion     the region whose database takes writes; empty means the primary
 * @param standbysOut      active-active: failed standbys taken out of traffic, back in once healthy again
 * @param notFollowing     regions whose database does not follow the writer, as the last run that moved the writer
 *                         recorded (its old primary, and earlier ones not failed back): never a failover target
 */
public record DetectorState(
        long version,
        List<String> regionsInTraffic,
        Map<String, Map<String, SignalState>> signals,
        Optional<Instant> lastExecutionAt,
        Optional<Incident> openIncident,
        Map<String, LagReading> replicaLagSeconds,
        Optional<String> writerRegion,
        List<String> standbysOut,
        List<String> notFollowing) {

    public DetectorState {
        regionsInTraffic = List.copyOf(regionsInTraffic);
        Map<String, Map<String, SignalState>> copy = new LinkedHashMap<>();
        signals.forEach((region, byKey) -> copy.put(region, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKey))));
        signals = java.util.Collections.unmodifiableMap(copy);
        replicaLagSeconds = Map.copyOf(replicaLagSeconds);
        writerRegion = writerRegion == null ? Optional.empty() : writerRegion;
        standbysOut = standbysOut == null ? List.of() : List.copyOf(standbysOut);
        notFollowing = notFollowing == null ? List.of() : List.copyOf(notFollowing);
    }

    public DetectorState(long version, List<String> regionsInTraffic, Map<String, Map<String, SignalState>> signals,
                         Optional<Instant> lastExecutionAt, Optional<Incident> openIncident, Map<String, LagReading> replicaLagSeconds,
                         Optional<String> writerRegion, List<String> standbysOut) {
        this(version, regionsInTraffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, standbysOut, List.of());
    }

    public DetectorState(long version, List<String> regionsInTraffic, Map<String, Map<String, SignalState>> signals,
                         Optional<Instant> lastExecutionAt, Optional<Incident> openIncident, Map<String, LagReading> replicaLagSeconds) {
        this(version, regionsInTraffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, Optional.empty(), List.of());
    }

    public static DetectorState empty() {
        return new DetectorState(0, List.of(), Map.of(), Optional.empty(), Optional.empty(), Map.of());
    }

    public List<String> traffic(Deployment deployment) {
        return regionsInTraffic.isEmpty() ? deployment.initialTraffic() : regionsInTraffic;
    }

    /** The region whose database takes writes, as far as this detector knows. */
    public String writer(Deployment deployment) {
        return writerRegion.orElse(deployment.primary().name());
    }

    public Map<String, SignalState> signalsOf(String region) {
        return signals.getOrDefault(region, Map.of());
    }

    /** The signal after an event at {@code at}, known to be no later than the evaluation time. */
    public DetectorState withSignal(String region, String key, AlarmState state, Instant at) {
        return withSignal(region, key, state, at, at);
    }

    public DetectorState withSignal(String region, String key, AlarmState state, Instant at, Instant now) {
        Map<String, Map<String, SignalState>> next = new LinkedHashMap<>(signals);
        Map<String, SignalState> byKey = new LinkedHashMap<>(signalsOf(region));
        SignalState current = byKey.get(key);
        byKey.put(key, current == null ? new SignalState(state, at, Optional.empty()) : current.apply(state, at, now));
        next.put(region, byKey);
        return new DetectorState(version, regionsInTraffic, next, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, standbysOut, notFollowing);
    }

    public DetectorState withReplicaLag(String region, double seconds, Instant readAt) {
        Map<String, LagReading> lag = new LinkedHashMap<>(replicaLagSeconds);
        lag.put(region, new LagReading(seconds, readAt));
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, openIncident, lag, writerRegion, standbysOut, notFollowing);
    }

    /** The region's lag is unknown (an empty read): any earlier reading is dropped, never reused. */
    public DetectorState withoutReplicaLag(String region) {
        Map<String, LagReading> lag = new LinkedHashMap<>(replicaLagSeconds);
        lag.remove(region);
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, openIncident, lag, writerRegion, standbysOut, notFollowing);
    }

    /** The lag of {@code region} if a reading exists that is still fresh at {@code now}. */
    public Optional<LagReading> freshLag(String region, Instant now) {
        return Optional.ofNullable(replicaLagSeconds.get(region)).filter(r -> r.freshAt(now));
    }

    public DetectorState withIncident(Optional<Incident> incident) {
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, incident, replicaLagSeconds, writerRegion, standbysOut, notFollowing);
    }

    /** A failover decided: traffic and the writer move to the target, the execution time starts the cooldown. */
    public DetectorState withFailover(List<String> traffic, Instant executedAt, Incident incident) {
        return new DetectorState(version, traffic, signals, Optional.of(executedAt), Optional.of(incident), replicaLagSeconds,
                Optional.of(incident.to()), standbysOut, notFollowing);
    }

    /** What actually happened: traffic and the writer as a run's outcome left them. */
    public DetectorState withRouting(List<String> traffic, String writer, List<String> standbys) {
        return new DetectorState(version, traffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, Optional.of(writer), standbys, notFollowing);
    }

    /** The regions whose database does not follow the writer (the last run's record): never a target. */
    public DetectorState withNotFollowing(List<String> regions) {
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, standbysOut,
                regions);
    }

    /** A failed standby out of traffic (active-active); the writer and everything else stay. */
    public DetectorState withStandbyOut(Deployment d, String standby) {
        List<String> traffic = new ArrayList<>(traffic(d));
        traffic.remove(standby);
        List<String> out = new ArrayList<>(standbysOut);
        if (!out.contains(standby)) {
            out.add(standby);
        }
        return new DetectorState(version, traffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, out, notFollowing);
    }

    /** A standby healthy again takes traffic again. */
    public DetectorState withStandbyBack(Deployment d, String standby) {
        List<String> traffic = new ArrayList<>(traffic(d));
        if (!traffic.contains(standby)) {
            traffic.add(standby);
        }
        List<String> out = new ArrayList<>(standbysOut);
        out.remove(standby);
        return new DetectorState(version, traffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, out, notFollowing);
    }

    public DetectorState withVersion(long v) {
        return new DetectorState(v, regionsInTraffic, signals, lastExecutionAt, openIncident, replicaLagSeconds, writerRegion, standbysOut, notFollowing);
    }
}
