package dev.crossfade.infra.cost;

/**
 * One cost family: its monthly cost for one region alone and for the whole topology.
 *
 * @param basis how the topology figure was computed, in words, for the report
 */
public record CostLine(Family family, double singleRegionMonthly, double topologyMonthly, String basis) {

    public enum Family { COMPUTE, DATABASE, NAT, TRANSFER, LOAD_BALANCERS, GLOBAL_ACCELERATOR, HEALTH_CHECKS, KMS }
}
