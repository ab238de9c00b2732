package dev.crossfade.local.reliability;


import dev.crossfade.local.testutils.WorkflowLab;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.MutationRecorder;
import dev.crossfade.local.WorkflowHarness;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.Seed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The reliability suite's lab (docs/workflow.md "Reliability suite"): one moto per class, reset for
 * each scenario, the seed deployed with its DNS, the real handlers with every AWS call recorded.
 * The scenarios are in two classes, {@link ReliabilitySuiteTest} and {@link ReliabilityStepFaultsTest},
 * so that surefire's two forks share the suite's time.
 */
@ExtendWith(ScenarioTally.class)
abstract class ReliabilityLab extends WorkflowLab {

    static final String FAILOVER = "failover-us-east-1-to-eu-west-1.json";

    EmulatedApplication app;
    MutationRecorder mutations;
    LabDns dns;

    @BeforeEach
    void deployApplication() {
        app = Seed.deployRds(harness.moto());
        mutations = new MutationRecorder();
        dns = new LabDns(app);
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    /** Deploys the three-region topology instead of the seed (moto is reset), with its DNS. */
    void deployThreeRegions() {
        dns.close();
        app = Seed.deployThreeRegions(harness.moto());
        dns = new LabDns(app);
    }

    /** The real handlers, every AWS call they make recorded. */
    Map<String, Function<String, String>> handlers(boolean approvalForDataLoss) {
        List<ExecutionInterceptor> recording = List.of(mutations);
        return WorkflowHarness.handlers(app.clients(Set.of(), recording), app.config(approvalForDataLoss));
    }
}
