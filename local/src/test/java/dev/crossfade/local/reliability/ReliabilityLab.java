package dev.crossfade.local.reliability;

import dev.crossfade.local.reliability.Invariants.End;
import dev.crossfade.local.testutils.LabDns;
import dev.crossfade.local.testutils.Seed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The reliability suite's lab (docs/workflow.md "Reliability suite"): the {@link ReliabilityFixture}
 * with the seed's DNS, so that every scenario's {@link #check} also judges what clients resolve.
 * The scenarios are in two classes, {@link ReliabilitySuiteTest} and {@link ReliabilityStepFaultsTest},
 * so that surefire's two forks share the suite's time.
 */
abstract class ReliabilityLab extends ReliabilityFixture {

    LabDns dns;

    @BeforeEach
    void startDns() {
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

    /** {@link Invariants#check} with the DNS answer. */
    @Override
    End check(String from, String to, End allowed) {
        return Invariants.check(app, harness, mutations, dns, from, to, allowed);
    }
}
