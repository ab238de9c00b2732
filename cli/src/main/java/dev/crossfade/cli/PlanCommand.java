package dev.crossfade.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.plan.PlanContext;
import dev.crossfade.functions.workflow.plan.PlanInputException;
import dev.crossfade.functions.workflow.plan.PlanStep;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.topology.Topology;
import java.io.PrintWriter;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Prints the AWS calls a failover from one region to another would make, in order, "
                + "each marked data or control plane and mutating or read-only. Needs no AWS account.")
final class PlanCommand extends TopologyCommand {

    @Option(names = "--from", required = true, paramLabel = "REGION", description = "The region losing the primary role.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "REGION", description = "The enabled region being activated.")
    String to;

    @Option(names = "--mode", defaultValue = "failover", paramLabel = "MODE",
            description = "failover (default), switchover or failback.")
    String mode;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    private WorkflowMode workflowMode;

    @Override
    void checkOptions() {
        workflowMode = planInput(() -> WorkflowMode.of(mode));
        if (workflowMode == WorkflowMode.DRY_RUN) {
            throw new BadInputException("--mode dry-run: a plan already changes nothing; use failover, switchover or failback");
        }
    }

    @Override
    int run(Topology t, PrintWriter out) throws Exception {
        FailoverPlan plan = planInput(() -> FailoverPlan.of(PlanContext.of(t), from, to, workflowMode));
        if (json) {
            out.println(toJson(plan));
        } else {
            printTable(plan, out);
        }
        out.flush();
        return Main.OK;
    }

    /** What the plan's own checks refuse is bad input (exit 2). */
    private static <T> T planInput(Supplier<T> step) {
        try {
            return step.get();
        } catch (PlanInputException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private static String toJson(FailoverPlan plan) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode()
                .put("application", plan.application()).put("mode", plan.mode().key())
                .put("engine", plan.engine().key()).put("from", plan.from()).put("to", plan.to());
        var steps = root.putArray("steps");
        for (PlanStep step : plan.steps()) {
            steps.addObject().put("order", step.order()).put("phase", step.phase()).put("action", step.action())
                    .put("service", step.service()).put("api", step.api()).put("plane", step.plane().key())
                    .put("mutating", step.mutating()).put("region", step.region()).put("bestEffort", step.bestEffort());
        }
        return mapper.writeValueAsString(root);
    }

    private static void printTable(FailoverPlan plan, PrintWriter out) {
        out.printf("%s: %s from %s to %s (%s)%n", plan.application(), plan.mode().key(), plan.from(), plan.to(), plan.engine().key());
        out.printf("%3s  %-13s %-9s %-9s %-10s %-31s %s%n", "#", "phase", "plane", "change", "region", "call", "what");
        for (PlanStep s : plan.steps()) {
            out.printf("%3d  %-13s %-9s %-9s %-10s %-31s %s%s%n", s.order(), s.phase(), s.plane().key(),
                    s.mutating() ? "mutating" : "read", s.region(), s.service() + ":" + s.api(), s.action(),
                    s.bestEffort() ? " [best effort]" : "");
        }
    }
}
