package dev.crossfade.local.workflow;

import static dev.crossfade.local.testutils.Seed.STANDBY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.crossfade.functions.workflow.PromotionPendingException;
import dev.crossfade.functions.workflow.ReplicaCatchingUpException;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.functions.workflow.database.Promotion;
import dev.crossfade.local.testutils.Inputs;
import dev.crossfade.local.testutils.SeedInMoto;
import org.junit.jupiter.api.Test;

class PromotionTest extends SeedInMoto {

    @Test
    void readReplica_shouldBePromotedToAStandaloneWriter() {
        Promotion promotion = new Promotion(app.clients(), app.config());

        Promotion.Started started = promotion.start(FAILOVER);
        Promotion.Finished finished = promotion.check(FAILOVER);

        assertEquals("promoted", started.action());
        assertNull(app.db(STANDBY).readReplicaSourceDBInstanceIdentifier());
        assertEquals(app.db(STANDBY).dbInstanceArn(), finished.writer());
    }

    @Test
    void rerunAfterPromotion_shouldNotPromoteASecondTime() {
        Promotion promotion = new Promotion(app.clients(), app.config());
        promotion.start(FAILOVER);

        Promotion.Started again = promotion.start(FAILOVER);

        assertEquals("already-promoted", again.action());
    }

    @Test
    void stillAReplica_shouldReportPromotionPending() {
        var e = assertThrows(PromotionPendingException.class, () -> new Promotion(app.clients(), app.config()).check(FAILOVER));

        assertEquals(true, e.getMessage().contains("still replicating"), e.getMessage());
    }

    @Test
    void plannedSwitchoverWithLag_shouldWaitForTheReplicaToCatchUp() {
        StepInput switchover = Inputs.step("switchover-us-east-1-to-eu-west-1.json", "e1");

        assertThrows(ReplicaCatchingUpException.class, () -> new Promotion(app.clients(), app.config()).start(switchover));
        app.setReplicaLag(STANDBY, 0);
        assertEquals("promoted", new Promotion(app.clients(), app.config()).start(switchover).action());
    }
}
