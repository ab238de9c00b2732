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

    /**
     * A new project with its workflow in both regions of the seed topology, us-east-1 running the
     * test ASL {@code eastAsl} and eu-west-1 {@code westAsl}, and its topology file in {@link #dir}.
     */
    protected Deployed deployBoth(MotoServer moto, String eastAsl, String westAsl) {
        String project = WorkflowInMoto.newProject();
        WorkflowInMoto.deploy(moto, "us-east-1", project, eastAsl);
        String standby = WorkflowInMoto.deploy(moto, "eu-west-1", project, westAsl);
        return new Deployed(project, WorkflowInMoto.topology(dir, project), standby);
    }

    /** What {@link #deployBoth} made: the project, its topology file, the ARN of its state machine in eu-west-1 (the standby). */
    public record Deployed(String project, Path topology, String standbyArn) {}
}
