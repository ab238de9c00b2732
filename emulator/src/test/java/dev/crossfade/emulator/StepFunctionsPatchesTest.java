package dev.crossfade.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.emulator.Poll;
import dev.crossfade.emulator.testutils.Sdk;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

@ExtendWith(MotoExtension.class)
class StepFunctionsPatchesTest {

    private static final String DEFINITION = """
            {"StartAt":"Echo","States":{"Echo":{"Type":"Pass","Parameters":{"seen.$":"$.n"},"End":true}}}
            """;

    private MotoServer moto;
    private SfnClient sfn;
    private String machine;

    @BeforeEach
    void createMachine(MotoServer moto) {
        this.moto = moto;
        moto.enableStepFunctionsExecution();
        sfn = Sdk.sfn(moto);
        machine = sfn.createStateMachine(b -> b.name("echo-" + System.nanoTime())
                .roleArn("arn:aws:iam::123456789012:role/crossfade-workflow").definition(DEFINITION)).stateMachineArn();
    }

    @AfterEach
    void closeClient() {
        sfn.close();
    }

    @Test
    void sameStateMachineStartedTwice_shouldRunBothExecutions() {
        String first = sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"n\":1}")).executionArn();
        awaitEnd(first);

        String second = sfn.startExecution(b -> b.stateMachineArn(machine).name("second").input("{\"n\":2}")).executionArn();
        DescribeExecutionResponse done = awaitEnd(second);

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + moto.log());
        assertTrue(done.output().replace(" ", "").contains("\"seen\":2"), done.output());
    }

    @Test
    void otherStateMachineStartedAfterOneRan_shouldRun() {
        awaitEnd(sfn.startExecution(b -> b.stateMachineArn(machine).name("first").input("{\"n\":1}")).executionArn());
        String other = sfn.createStateMachine(b -> b.name("other-" + System.nanoTime())
                .roleArn("arn:aws:iam::123456789012:role/crossfade-workflow").definition(DEFINITION)).stateMachineArn();

        DescribeExecutionResponse done = awaitEnd(
                sfn.startExecution(b -> b.stateMachineArn(other).name("second").input("{\"n\":3}")).executionArn());

        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), () -> done + "\n" + moto.log());
    }

    @Test
    void executionsStartedWithoutName_shouldGetDistinctUuidNames() {
        String first = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}")).executionArn();
        String second = sfn.startExecution(b -> b.stateMachineArn(machine).input("{\"n\":2}")).executionArn();

        DescribeExecutionResponse firstDone = awaitEnd(first);
        DescribeExecutionResponse secondDone = awaitEnd(second);

        assertNotEquals(first, second);
        assertTrue(firstDone.name().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), firstDone.name());
        assertEquals(ExecutionStatus.SUCCEEDED, secondDone.status(), () -> secondDone + "\n" + moto.log());
    }

    private DescribeExecutionResponse awaitEnd(String executionArn) {
        return Poll.until(Duration.ofSeconds(30), () -> sfn.describeExecution(b -> b.executionArn(executionArn)),
                d -> d.status() != ExecutionStatus.RUNNING);
    }
}
