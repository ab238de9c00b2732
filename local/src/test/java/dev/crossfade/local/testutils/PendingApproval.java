package dev.crossfade.local.testutils;

import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.WorkflowHarness;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * An execution waiting at the approval step: the workflow deployed with handlers whose
 * RequestApproval is captured ({@link Approvals}), the run started, and its task token in hand.
 *
 * @param machine the state machine the waiting run belongs to, for starting others beside it
 */
public record PendingApproval(WorkflowHarness harness, String region, String machine, String execution, String token) {

    /** Deploys the workflow in {@code region}, starts {@code name} on {@code input} and waits until it asks for approval. */
    public static PendingApproval start(WorkflowHarness harness, EmulatedApplication app, String region,
                                        Map<String, Function<String, String>> handlers, String name, String input) {
        AtomicReference<String> request = Approvals.capture(handlers);
        String machine = harness.deployWorkflow(app, region, handlers);
        String execution = harness.start(region, machine, name, input);
        return new PendingApproval(harness, region, machine, execution, Approvals.awaitToken(request));
    }

    /** A person approves, {@code output} the approval's JSON (who, why). */
    public void approve(String output) {
        harness.sfn(region).sendTaskSuccess(r -> r.taskToken(token).output(output));
    }

    /** A person refuses. */
    public void refuse(String error, String cause) {
        harness.sfn(region).sendTaskFailure(r -> r.taskToken(token).error(error).cause(cause));
    }

    public DescribeExecutionResponse awaitEnd() {
        return harness.awaitEnd(region, execution);
    }
}
