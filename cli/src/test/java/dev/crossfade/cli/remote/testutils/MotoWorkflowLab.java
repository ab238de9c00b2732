package dev.crossfade.cli.remote.testutils;

import dev.crossfade.emulator.MotoExtension;
import dev.crossfade.emulator.MotoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared start of the remote commands' tests against moto ({@link WorkflowInMoto}): moto
 * (reset once per test class) executing the state machines, the test credentials the commands'
 * default credential chain finds, and a temporary folder per test for its topology and reports.
 */
@ExtendWith(MotoExtension.class)
public abstract class MotoWorkflowLab {

    @TempDir
    protected Path dir;

    @BeforeAll
    static void executeStateMachines(MotoServer moto) {
        WorkflowInMoto.useTestCredentials();
        moto.enableStepFunctionsExecution();
    }
}
