package dev.crossfade.local.testutils;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import dev.crossfade.functions.workflow.StepInput;
import dev.crossfade.local.EmulatedApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared start of the tests of one step's logic (or of the lab's stand-ins) against moto: one
 * moto per class ({@link MotoExtension}), the seed deployed afresh before each test.
 */
@ExtendWith(MotoExtension.class)
public abstract class SeedInMoto {

    /** The seed's sample failover, us-east-1 to eu-west-1, as run {@code e1}. */
    protected static final StepInput FAILOVER = Inputs.step("failover-us-east-1-to-eu-west-1.json", "e1");

    protected EmulatedApplication app;

    @BeforeEach
    void deploySeed(MotoServer moto) {
        app = Seed.deployRds(moto);
    }
}
