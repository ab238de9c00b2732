package dev.crossfade.topology;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which region holds the routing veto of a region (docs/routing.md, "The veto on a region that
 * comes back"): the next enabled region after it in priority order (ties by name), wrapping around
 * from the last to the first. The veto of a region must live outside it, because it must stand
 * while that region is gone; infra creates the veto alarm there, and the workflow and the writer
 * guard publish to it there. One enabled region: none.
 */
public final class VetoHolder {

    private VetoHolder() {}

    /** @param priorities every enabled region -> its priority */
    public static Optional<String> of(Map<String, Integer> priorities, String region) {
        if (!priorities.containsKey(region)) {
            throw new IllegalArgumentException("no veto holder for " + region + ": not an enabled region (" + priorities.keySet() + ")");
        }
        if (priorities.size() < 2) {
            return Optional.empty();
        }
        List<String> order = priorities.keySet().stream()
                .sorted(Comparator.comparing((String r) -> priorities.get(r)).thenComparing(Comparator.naturalOrder())).toList();
        return Optional.of(order.get((order.indexOf(region) + 1) % order.size()));
    }

    /** The topology's enabled regions and their priorities. */
    public static Optional<String> of(Topology topology, String region) {
        Map<String, Integer> priorities = new java.util.LinkedHashMap<>();
        topology.enabledRegions().forEach(r -> priorities.put(r.name(), r.priority()));
        return of(priorities, region);
    }
}
