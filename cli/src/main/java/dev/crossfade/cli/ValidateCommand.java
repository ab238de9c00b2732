package dev.crossfade.cli;

import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks a topology file; prints every problem with its key path and line (exit 2), or a summary (exit 0)",
                "with a warning for what is valid but will not deploy as written (e.g. a deprecated engine version)."})
final class ValidateCommand extends TopologyCommand {

    @Override
    int run(Topology t, PrintWriter out) {
        out.printf("%s: valid%n", topology.file());
        out.printf("  application  %s (%s, %s routing, %s)%n", t.name(), t.mode().key(), t.routing().key(), t.database().engine().key());
        out.printf("  regions      %s%n", t.enabledRegions().stream()
                .map(r -> r.name() + (r.primary() ? " (primary)" : " (priority " + r.priority() + ")"))
                .collect(Collectors.joining(", ")));
        long disabled = t.regions().values().stream().filter(r -> !r.enabled()).count();
        if (disabled > 0) {
            out.printf("  disabled     %d region(s), ignored%n", disabled);
        }
        out.printf("  failover     %s, quorum %d, dwell %d s, cooldown %d min, RPO budget %d s%n",
                t.failover().automatic() ? "automatic" : "monitor mode (decide and notify only)",
                t.failover().quorum(), t.failover().dwellSeconds(), t.failover().cooldownMinutes(), t.failover().rpoBudgetSeconds());
        TopologyOption.printWarnings(t, out);
        return Main.OK;
    }
}
