package dev.crossfade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.cli.doctor.Check;
import dev.crossfade.cli.doctor.DoctorRun;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Read-only readiness of an account for a topology (docs/operations.md, "Doctor"). */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Read-only checks of the account for this topology: credentials, CDK bootstrap, hosted zone, engine version",
                "and instance class, instance types, quotas (VPCs, Elastic IPs, NAT gateways, accelerators), certificate.",
                "Each prints PASS, WARN or FAIL with its fix. Exit codes: 0 no FAIL; 3 any FAIL; 2 bad input."})
final class DoctorCommand extends AccountCommand {

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    @Override
    int run(Topology t, PrintWriter out) throws Exception {
        List<Check> checks = DoctorRun.run(t, endpoint.endpoint());
        long fails = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
        long warns = checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode().put("topology", t.name());
            ArrayNode array = root.putArray("checks");
            checks.forEach(c -> array.addObject().put("name", c.name()).put("region", c.region()).put("status", c.status().name())
                    .put("detail", c.detail()).put("fix", c.fix()));
            root.putObject("summary").put("pass", checks.size() - fails - warns).put("warn", warns).put("fail", fails);
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            TopologyOption.printWarnings(t, out);
            for (Check c : checks) {
                out.printf("%-4s  %-20s %-14s %s%n", c.status(), c.name(), c.region(), c.detail());
                if (!c.fix().isEmpty()) {
                    out.printf("      fix: %s%n", c.fix());
                }
            }
            out.printf("%d checks: %d pass, %d warn, %d fail%n", checks.size(), checks.size() - fails - warns, warns, fails);
        }
        return fails > 0 ? Main.REFUSED : Main.OK;
    }
}
