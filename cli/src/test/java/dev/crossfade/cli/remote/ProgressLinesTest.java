package dev.crossfade.cli.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionAbortedEventDetails;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.LambdaFunctionFailedEventDetails;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutEventDetails;

/** The failure line of the live progress: {@code error: cause} of whichever kind of failure details the event has. */
class ProgressLinesTest {

    @Test
    void failure_shouldNameTheErrorAndCauseOfAnyKindOfFailure() {
        assertEquals(Optional.of("Lambda.ServiceException: throttled"), ProgressLines.failure(HistoryEvent.builder()
                .lambdaFunctionFailedEventDetails(LambdaFunctionFailedEventDetails.builder().error("Lambda.ServiceException")
                        .cause("throttled").build()).build()));
        assertEquals(Optional.of("States.Timeout"), ProgressLines.failure(HistoryEvent.builder()
                .taskTimedOutEventDetails(TaskTimedOutEventDetails.builder().error("States.Timeout").build()).build()));
        assertEquals(Optional.of("(no error name): stopped by alice"), ProgressLines.failure(HistoryEvent.builder()
                .executionAbortedEventDetails(ExecutionAbortedEventDetails.builder().cause("stopped by alice").build()).build()));
    }

    @Test
    void failure_shouldBeEmptyForAnEventThatIsNoFailure() {
        assertEquals(Optional.empty(), ProgressLines.failure(HistoryEvent.builder()
                .stateEnteredEventDetails(StateEnteredEventDetails.builder().name("Promote").build()).build()));
    }
}
