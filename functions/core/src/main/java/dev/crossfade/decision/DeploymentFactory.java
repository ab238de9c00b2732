package dev.crossfade.decision;

import dev.crossfade.topology.Topology;
import java.util.stream.Collectors;

/** Builds the engine's plain records from a validated topology (used by the CLI and tests). */
public final class DeploymentFactory {

    private DeploymentFactory() {}

    public static Deployment from(Topology t) {
        Topology.Failover f = t.failover();
        return new Deployment(
                t.project(),
                t.environment(),
                t.account(),
                t.mode() == Topology.Mode.ACTIVE_ACTIVE,
                t.enabledRegions().stream().map(r -> new RegionSpec(r.name(), r.priority(), r.primary())).toList(),
                t.regions().values().stream().filter(r -> !r.enabled()).map(Topology.Region::name).collect(Collectors.toSet()),
                new FailoverPolicy(f.automatic(), f.rpoBudgetSeconds(), f.quorum(), f.dwellSeconds(),
                        f.cooldownMinutes(), f.approvalForDataLoss()));
    }
}
