package dev.crossfade.local.reliability;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;

import dev.crossfade.functions.workflow.WorkflowConfig;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.WorkflowLab;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * What every reliability scenario starts from (docs/workflow.md "Reliability suite"): one moto per
 * class, reset for each scenario by deploying the seed; the real handlers with every AWS call
 * recorded; each scenario counted by {@link ScenarioTally} and ended with {@link #check}.
 * {@link ReliabilityLab} adds the seed's DNS.
 */
@ExtendWith(ScenarioTally.class)
abstract class ReliabilityFixture extends WorkflowLab {

    static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";

    EmulatedApplication app;
    MutationRecorder mutations;

    @BeforeEach
    void deployApplication() {
        app = Seed.deployRds(harness.moto());
        mutations = new MutationRecorder();
    }

    /**
     * The real handlers on {@code config}, every AWS call they make recorded; {@code faults} (e.g. a
     * {@link StepFault}) on their clients too, ahead of the recording.
     */
    Map<String, Function<String, String>> handlers(WorkflowConfig config, ExecutionInterceptor... faults) {
        List<ExecutionInterceptor> interceptors = new ArrayList<>(List.of(faults));
        interceptors.add(mutations);
        return WorkflowHarness.handlers(app.clients(Set.of(), interceptors), config);
    }

    /** The real handlers on the deployed topology's config, every AWS call they make recorded. */
    Map<String, Function<String, String>> handlers(boolean approvalForDataLoss) {
        return handlers(app.config(approvalForDataLoss));
    }

    /** Deploys the workflow in the standby region with {@code handlers} and runs the sample failover on it ("inc-1"), to its end. */
    DescribeExecutionResponse failover(Map<String, Function<String, String>> handlers) {
        return run(harness.deployWorkflow(app, STANDBY, handlers), "inc-1", FAILOVER);
    }

    /** Runs the sample {@code input} on {@code machine} in the standby region, to its end. */
    DescribeExecutionResponse run(String machine, String name, String input) {
        return harness.run(STANDBY, machine, name, Inputs.json(input));
    }

    /** How many {@code action} calls the handlers made. */
    long count(String action) {
        return mutations.mutations().stream().filter(m -> m.action().equals(action)).count();
    }

    /** {@link Invariants#check} for a failover from the primary to the standby. */
    End check(End allowed) {
        return check(PRIMARY, STANDBY, allowed);
    }

    /** {@link Invariants#check} over the end state, {@code from} and {@code to} the regions of the last run. */
    End check(String from, String to, End allowed) {
        return Invariants.check(app, harness, mutations, from, to, allowed);
    }
}
