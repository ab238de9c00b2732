package dev.crossfade.cli.remote;

import dev.crossfade.cli.BadInputException;
import dev.crossfade.topology.Topology;
import java.util.Optional;

/**
 * Which region a run moves the primary from and to, checked against the topology before any AWS
 * call: both enabled, and different.
 */
public record RegionChoice(String from, String to) {

    /** Failover or drill: from the primary (or {@code --from}) to the best-priority other enabled region (or {@code --to}). */
    public static RegionChoice awayFrom(Topology topology, Optional<String> from, Optional<String> to) {
        String source = enabled(topology, "--from", from.orElse(topology.primaryRegion().name()));
        String target = enabled(topology, "--to", to.orElseGet(() -> nextAfter(topology, source)));
        return checked(source, target);
    }

    /** Failback: to the topology's primary (or {@code --to}) from the best-priority other enabled region (or {@code --from}). */
    public static RegionChoice backTo(Topology topology, Optional<String> from, Optional<String> to) {
        String target = enabled(topology, "--to", to.orElse(topology.primaryRegion().name()));
        String source = enabled(topology, "--from", from.orElseGet(() -> nextAfter(topology, target)));
        return checked(source, target);
    }

    private static RegionChoice checked(String from, String to) {
        if (from.equals(to)) {
            throw new BadInputException("--from and --to are both " + from + ": a run moves the primary to another region");
        }
        return new RegionChoice(from, to);
    }

    private static String nextAfter(Topology topology, String region) {
        return topology.enabledRegions().stream().map(Topology.Region::name).filter(r -> !r.equals(region))
                .findFirst()
                .orElseThrow(() -> new BadInputException("the topology has no enabled region other than " + region));
    }

    private static String enabled(Topology topology, String option, String region) {
        Topology.Region r = topology.region(region).orElseThrow(() -> new BadInputException(
                option + " '" + region + "' is not a region of the topology (regions: "
                        + String.join(", ", topology.regions().keySet()) + ")"));
        if (!r.enabled()) {
            throw new BadInputException(option + " " + region + " is disabled in the topology: enable and deploy it first");
        }
        return region;
    }
}
