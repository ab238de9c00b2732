package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReport.FinalState;
import dev.crossfade.cli.drill.TimeScale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/drill.md "Exit codes": a drill that ends with no single writer is not done, even when no run started. */
class DrillExitCodeTest {

    @ParameterizedTest(name = "{0} leaving writers [{1}] exits {2}")
    @CsvSource({
            "NO_FAILOVER, us-east-1,             0", // the policy rightly moved nothing
            // a region outage whose quorum the surviving regions could not reach: the primary is gone, nothing replaced it
            "NO_FAILOVER, '',                    1",
            "NO_FAILOVER, 'us-east-1,eu-west-1', 1", // two writers
            "SUCCEEDED,   eu-west-1,             0",
            "ABORTED,     us-east-1,             3",
            "FAILED,      '',                    1"})
    void exitCode_shouldFollowTheResultAndTheWritersLeft(DrillReport.Result result, String writers, int expected) {
        assertEquals(expected, DrillCommand.exitCode(report(result, writers)));
    }

    private static DrillReport report(DrillReport.Result result, String writers) {
        return DrillReport.of("shop-prod", "us-east-1", result == DrillReport.Result.SUCCEEDED ? "eu-west-1" : null, result, 0, List.of(),
                new FinalState(writers, Map.of("us-east-1", 0, "eu-west-1", 0), null), List.of(), new TimeScale(20), List.of());
    }
}
