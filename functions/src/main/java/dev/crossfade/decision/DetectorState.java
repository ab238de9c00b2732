package dev.crossfade.decision;

import java.time.Instant;
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
 * @param replicaLagSeconds last replica lag read per region (the possible targets)
 */
public record DetectorState(
        long version,
        List<String> regionsInTraffic,
        Map<String, Map<String, SignalState>> signals,
        Optional<Instant> lastExecutionAt,
        Optional<Incident> openIncident,
        Map<String, Double> replicaLagSeconds) {

    public DetectorState {
        regionsInTraffic = List.copyOf(regionsInTraffic);
        Map<String, Map<String, SignalState>> copy = new LinkedHashMap<>();
        signals.forEach((region, byKey) -> copy.put(region, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byKey))));
        signals = java.util.Collections.unmodifiableMap(copy);
        replicaLagSeconds = Map.copyOf(replicaLagSeconds);
    }

    public static DetectorState empty() {
        return new DetectorState(0, List.of(), Map.of(), Optional.empty(), Optional.empty(), Map.of());
    }

    public List<String> traffic(Deployment deployment) {
        return regionsInTraffic.isEmpty() ? deployment.initialTraffic() : regionsInTraffic;
    }

    public Map<String, SignalState> signalsOf(String region) {
        return signals.getOrDefault(region, Map.of());
    }

    public DetectorState withSignal(String region, String key, AlarmState state, Instant at) {
        Map<String, Map<String, SignalState>> next = new LinkedHashMap<>(signals);
        Map<String, SignalState> byKey = new LinkedHashMap<>(signalsOf(region));
        SignalState current = byKey.get(key);
        byKey.put(key, current == null ? new SignalState(state, at, Optional.empty()) : current.apply(state, at));
        next.put(region, byKey);
        return new DetectorState(version, regionsInTraffic, next, lastExecutionAt, openIncident, replicaLagSeconds);
    }

    public DetectorState withReplicaLag(String region, double seconds) {
        Map<String, Double> lag = new LinkedHashMap<>(replicaLagSeconds);
        lag.put(region, seconds);
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, openIncident, lag);
    }

    public DetectorState withIncident(Optional<Incident> incident) {
        return new DetectorState(version, regionsInTraffic, signals, lastExecutionAt, incident, replicaLagSeconds);
    }

    public DetectorState withFailover(List<String> traffic, Instant executedAt, Incident incident) {
        return new DetectorState(version, traffic, signals, Optional.of(executedAt), Optional.of(incident), replicaLagSeconds);
    }

    public DetectorState withVersion(long v) {
        return new DetectorState(v, regionsInTraffic, signals, lastExecutionAt, openIncident, replicaLagSeconds);
    }
}
