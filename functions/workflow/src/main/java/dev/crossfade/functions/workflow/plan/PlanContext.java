package dev.crossfade.functions.workflow.plan;

import dev.crossfade.topology.Topology;
import dev.crossfade.topology.Topology.Engine;
import java.util.List;

/**
 * What the plan depends on, taken either from a topology file (the CLI) or from the workflow's
 * configuration (the dry-run Lambda), so both print the same steps.
 *
 * @param enabledRegions by priority
 * @param activeActive   the topology's mode; active-passive switches every other region's traffic off
 */
public record PlanContext(
        String application,
        Engine engine,
        boolean globalAccelerator,
        List<String> enabledRegions,
        List<String> allRegions,
        boolean activeActive) {

    public PlanContext {
        enabledRegions = List.copyOf(enabledRegions);
        allRegions = List.copyOf(allRegions);
    }

    /** An active-passive topology. */
    public PlanContext(String application, Engine engine, boolean globalAccelerator, List<String> enabledRegions, List<String> allRegions) {
        this(application, engine, globalAccelerator, enabledRegions, allRegions, false);
    }

    public static PlanContext of(Topology topology) {
        return new PlanContext(topology.name(), topology.database().engine(), topology.globalAccelerator().enabled(),
                topology.enabledRegions().stream().map(Topology.Region::name).toList(),
                List.copyOf(topology.regions().keySet()), topology.mode() == Topology.Mode.ACTIVE_ACTIVE);
    }
}
