package dev.crossfade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.infra.cost.CostEstimate;
import dev.crossfade.infra.cost.CostLine;
import dev.crossfade.infra.cost.CostModel;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cost", mixinStandardHelpOptions = true,
        description = {"Estimates the monthly cost of the topology against the same application in its primary region alone,",
                "line by line per cost family. Unit prices and assumptions: docs/cost.md."})
final class CostCommand extends TopologyCommand {

    @Option(names = "--json", description = "Print the estimate as JSON.")
    boolean json;

    @Override
    int run(Topology t, PrintWriter out) throws Exception {
        CostEstimate estimate;
        try {
            estimate = new CostModel().estimate(t);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e); // an instance type the price table lacks
        }
        if (json) {
            out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(t, estimate)));
            return Main.OK;
        }
        out.printf("%s: %s, %d enabled regions (USD per month, list prices, see docs/cost.md)%n%n",
                t.name(), t.mode().key(), t.enabledRegions().size());
        out.printf("%-20s %14s %14s  %s%n", "family", "one region", "topology", "basis");
        for (CostLine line : estimate.lines()) {
            out.printf(Locale.ROOT, "%-20s %14.2f %14.2f  %s%n", name(line.family()), line.singleRegionMonthly(),
                    line.topologyMonthly(), line.basis());
        }
        out.printf(Locale.ROOT, "%-20s %14.2f %14.2f%n", "total", estimate.singleRegionMonthly(), estimate.topologyMonthly());
        out.printf(Locale.ROOT, "%nmultiplier: %.2fx a single region%n", estimate.multiplier());
        return Main.OK;
    }

    private static String name(CostLine.Family family) {
        return family.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static ObjectNode toJson(Topology t, CostEstimate estimate) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("topology", t.name());
        root.put("currency", "USD");
        root.put("period", "month");
        ArrayNode lines = root.putArray("lines");
        for (CostLine line : estimate.lines()) {
            lines.addObject()
                    .put("family", name(line.family()))
                    .put("singleRegion", round(line.singleRegionMonthly()))
                    .put("topology", round(line.topologyMonthly()))
                    .put("basis", line.basis());
        }
        root.put("singleRegionTotal", round(estimate.singleRegionMonthly()));
        root.put("topologyTotal", round(estimate.topologyMonthly()));
        root.put("multiplier", Math.round(estimate.multiplier() * 100) / 100.0);
        return root;
    }

    private static double round(double dollars) {
        return Math.round(dollars * 100) / 100.0;
    }
}
