package dev.crossfade.functions.workflow;

import static dev.crossfade.local.testutils.Seed.PRIMARY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.local.EmulatedApplication;
import dev.crossfade.local.testutils.Seed;
import dev.crossfade.local.testutils.Inputs;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MotoExtension.class)
class FencingTest {

    private EmulatedApplication app;

    @BeforeEach
    void deploy(MotoServer moto) {
        app = Seed.deployRds(moto);
    }

    @Test
    void reachableOldPrimary_shouldLoseItsTrafficAndRefuseWrites() {
        Fencing.Result result = new Fencing(app.clients(), app.config()).fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertTrue(result.routingFenced() && result.writesFenced(), result.toString());
        assertEquals(Optional.of(0.0), app.routing().read(PRIMARY));
        assertEquals("on", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
    }

    @Test
    void unreachableOldPrimary_shouldSkipEveryActionAndRecordWhyWithoutFailing() {
        Fencing fencing = new Fencing(app.clients(Set.of(PRIMARY)), app.config());

        Fencing.Result result = fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertFalse(result.routingFenced() || result.writesFenced(), result.toString());
        assertEquals(2, result.skipped().size(), result.skipped().toString());
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY), "the emulated old region was never reached");
    }

    @Test
    void unfenceAfterFence_shouldGiveTrafficAndWritesBack() {
        Fencing fencing = new Fencing(app.clients(), app.config());
        fencing.fence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        fencing.unfence(Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1"));

        assertEquals("off", app.parameter(PRIMARY, Fencing.READ_ONLY_PARAMETER));
        assertEquals(Optional.of(1.0), app.routing().read(PRIMARY));
    }
}
