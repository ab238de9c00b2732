package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.functions.workflow.VerificationPendingException;
import dev.crossfade.functions.workflow.traffic.Verification;
import dev.crossfade.local.testutils.SeedInMoto;
import org.junit.jupiter.api.Test;

class VerificationTest extends SeedInMoto {

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
