package dev.crossfade.infra.cost;

import java.util.List;

/** The model's answer: one line per family and the multiplier against a single region. */
public record CostEstimate(List<CostLine> lines) {

    public CostEstimate {
        lines = List.copyOf(lines);
    }

    public double singleRegionMonthly() {
        return lines.stream().mapToDouble(CostLine::singleRegionMonthly).sum();
    }

    public double topologyMonthly() {
        return lines.stream().mapToDouble(CostLine::topologyMonthly).sum();
    }

    /** Topology cost over single-region cost. */
    public double multiplier() {
        return topologyMonthly() / singleRegionMonthly();
    }

    public CostLine line(CostLine.Family family) {
        return lines.stream().filter(l -> l.family() == family).findFirst().orElseThrow();
    }
}
