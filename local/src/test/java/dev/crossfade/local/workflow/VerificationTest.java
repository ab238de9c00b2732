package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.VerificationPendingException;
import dev.crossfade.functions.workflow.traffic.Verification;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.Seed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class VerificationTest {

    private static final StepInput FAILOVER = Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1");
    private EmulatedApplication app;

    @BeforeEach
    void deploy(MotoServer moto) {
        app = Seed.deployRds(moto);
    }

    @Test
    void healthyTargetTakingTraffic_shouldVerify() {
        app.routing().set(PRIMARY, false);

        Verification.Result result = new Verification(app.clients(), app.config()).verify(FAILOVER);

        assertEquals(STANDBY, result.region());
    }

    /** Issue 13, defect 2: another region still switched on can be what DNS answers (failover chain by priority). */
    @Test
    void anotherRegionStillOn_shouldStayPendingNamingIt() {
        var e = assertThrows(VerificationPendingException.class, () -> new Verification(app.clients(), app.config()).verify(FAILOVER));

        assertTrue(e.getMessage().contains("routing control of " + PRIMARY + " reads 1.0"), e.getMessage());
    }

    @Test
    void unhealthyTarget_shouldStayPendingNamingTheAlarm() {
        app.setHealthy(STANDBY, false);

        var e = assertThrows(VerificationPendingException.class, () -> new Verification(app.clients(), app.config()).verify(FAILOVER));

        assertTrue(e.getMessage().contains("is ALARM"), e.getMessage());
    }

    @Test
    void targetSwitchedOff_shouldStayPending() {
        app.routing().set(STANDBY, false);

        var e = assertThrows(VerificationPendingException.class, () -> new Verification(app.clients(), app.config()).verify(FAILOVER));

        assertTrue(e.getMessage().contains("routing control of eu-west-1 reads 0.0"), e.getMessage());
    }
}
