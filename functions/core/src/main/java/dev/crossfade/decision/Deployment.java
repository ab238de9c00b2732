package dev.crossfade.decision;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the decision engine needs to know of one application: its name, its enabled regions
 * (ranked), the regions that exist but are disabled, and the failover policy.
 *
 * @param account      the only AWS account whose events are accepted; empty accepts any
 * @param activeActive every enabled region takes traffic at first (else only the primary)
 */
public record Deployment(
        String project,
        String environment,
        Optional<String> account,
        boolean activeActive,
        List<RegionSpec> regions,
        Set<String> disabledRegions,
        FailoverPolicy policy) {

    public Deployment {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(policy, "policy");
        regions = regions.stream().sorted(Comparator.comparingInt(RegionSpec::priority)).toList();
        disabledRegions = Set.copyOf(disabledRegions);
        if (regions.stream().filter(RegionSpec::primary).count() != 1) {
            throw new IllegalArgumentException("exactly one enabled region must be primary: " + regions);
        }
    }

    /** {@code <project>-<environment>-}, the prefix of every alarm name of this application. */
    public String alarmPrefix() {
        return project + "-" + environment + "-";
    }

    public Optional<RegionSpec> region(String name) {
        return regions.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public RegionSpec primary() {
        return regions.stream().filter(RegionSpec::primary).findFirst().orElseThrow();
    }

    /** Regions taking traffic before any failover. */
    public List<String> initialTraffic() {
        return activeActive ? regions.stream().map(RegionSpec::name).toList() : List.of(primary().name());
    }
}
