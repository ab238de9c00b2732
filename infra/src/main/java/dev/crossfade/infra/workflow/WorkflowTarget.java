package dev.crossfade.infra.workflow;

import dev.crossfade.topology.env.RegionTargets;

/**
 * One enabled region's resources the workflow acts on: the region and its entry of the functions'
 * {@code CROSSFADE_REGIONS} variable (the topology's env.RegionTargets, which the functions read).
 *
 * @param region    the region's name, the key of its entry in {@code CROSSFADE_REGIONS}
 * @param resources the names of the region's resources, serialized with RegionTargets' field names
 */
public record WorkflowTarget(String region, RegionTargets resources) {}
