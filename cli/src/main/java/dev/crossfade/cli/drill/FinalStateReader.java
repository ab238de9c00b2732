package dev.crossfade.cli.drill;

import dev.crossfade.local.DnsAnswer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drill's finale, read from the emulated end state, never assumed: the writer (the database
 * that takes writes), the DNS answer (records + health checks + routing controls), and the share
 * of traffic per region: the regions DNS answers with, less any the accelerator dials out, split
 * evenly (by weight for weighted routing).
 */
final class FinalStateReader {

    record Finale(DrillReport.FinalState state, List<String> notes) {}

    private final EmulatedApplication app;
    private final DnsAnswer dns;

    private final java.util.function.Supplier<List<String>> writers;

    FinalStateReader(EmulatedApplication app, DnsAnswer dns) {
        this(app, dns, app::writerRegions);
    }

    /** @param writers the regions whose database takes writes (the lab asks its real servers) */
    FinalStateReader(EmulatedApplication app, DnsAnswer dns, java.util.function.Supplier<List<String>> writers) {
        this.app = app;
        this.dns = dns;
        this.writers = writers;
    }

    Finale read() {
        Topology topology = app.topology();
        List<String> notes = new ArrayList<>();
        List<String> writers = this.writers.get();
        if (writers.size() != 1) {
            notes.add("writers: " + writers + " (expected exactly one)");
        }
        List<String> answers = app.regions().stream().filter(dns.regions(topology.domain().name())::contains).toList();
        Map<String, Float> dials = app.dials();
        List<String> serving = answers.stream().filter(r -> dials.isEmpty() || dials.getOrDefault(r, 0f) > 0).toList();
        if (serving.isEmpty()) {
            serving = answers;
        }
        notes.add("DNS answers " + answers + (dials.isEmpty() ? "" : "; accelerator dials " + dials));
        return new Finale(new DrillReport.FinalState(String.join(",", writers), shares(topology, serving),
                answers.isEmpty() ? null : answers.getFirst()), notes);
    }

    private Map<String, Integer> shares(Topology topology, List<String> serving) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String region : app.regions()) {
            int weight = topology.routing() == Topology.Routing.WEIGHTED
                    ? topology.region(region).flatMap(Topology.Region::weight).orElse(1) : 1;
            weights.put(region, serving.contains(region) ? weight : 0);
        }
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        Map<String, Integer> shares = new LinkedHashMap<>();
        int given = 0;
        String first = null;
        for (Map.Entry<String, Integer> e : weights.entrySet()) {
            int share = total == 0 ? 0 : e.getValue() * 100 / total;
            shares.put(e.getKey(), share);
            given += share;
            if (first == null && e.getValue() > 0) {
                first = e.getKey();
            }
        }
        if (first != null) {
            shares.merge(first, 100 - given, Integer::sum); // rounding remainder
        }
        return shares;
    }
}
