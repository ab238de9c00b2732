package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.plan.FailoverPlan;
import dev.crossfade.functions.workflow.plan.PlanContext;
import dev.crossfade.functions.workflow.plan.PlanStep;
import dev.crossfade.functions.workflow.plan.WorkflowMode;
import dev.crossfade.functions.workflow.testutils.RepoRoot;
import dev.crossfade.topology.Topology.Engine;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/workflow.md carries, verbatim, the table of every AWS call that the step model plans. */
class WorkflowDocsTest {

    @ParameterizedTest
    @CsvSource({"RDS_POSTGRES,FAILOVER", "RDS_POSTGRES,FAILBACK", "AURORA_POSTGRES_GLOBAL,FAILOVER", "AURORA_POSTGRES_GLOBAL,FAILBACK"})
    void docsTable_shouldMatchTheStepModel(Engine engine, WorkflowMode mode) throws Exception {
        String docs = Files.readString(RepoRoot.path().resolve("docs/workflow.md"));
        FailoverPlan plan = FailoverPlan.of(new PlanContext("app", engine, true, List.of("FROM", "TO"), List.of("FROM", "TO")),
                "FROM", "TO", mode);

        String table = table(plan);

        assertTrue(docs.contains(table), "docs/workflow.md lacks this table for " + engine.key() + " " + mode.key() + ":\n" + table);
    }

    static String table(FailoverPlan plan) {
        return "| # | step | API | service | plane | mutating? | region | on failure |\n"
                + "|---|---|---|---|---|---|---|---|\n"
                + plan.steps().stream().map(WorkflowDocsTest::row).collect(Collectors.joining("\n")) + "\n";
    }

    private static String row(PlanStep s) {
        return "| " + s.order() + " | " + s.phase() + ": " + s.action() + " | `" + s.api() + "` | " + s.service() + " | "
                + s.plane().key() + " | " + (s.mutating() ? "yes" : "no") + " | " + s.region().replace("FROM", "from").replace("TO", "to")
                + " | " + onFailure(s) + " |";
    }

    private static String onFailure(PlanStep s) {
        if (s.phase().equals("fencing")) {
            return "old region unreachable both ways: recorded, run goes on; else fence undone, run stops safely";
        }
        if (s.bestEffort()) {
            return "recorded, run goes on";
        }
        return switch (s.phase()) {
            case "promotion" -> "fence undone (kept if the target became the writer: traffic moves to it, run stops FAILED)";
            case "capacity" -> "run stops safely (the target stays scaled up)";
            case "traffic-shift", "verification" -> "run stops FAILED: operator acts (database already moved)";
            default -> "run stops safely, nothing changed";
        };
    }
}
