package dev.crossfade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.crossfade.cli.drill.DrillReport;
import dev.crossfade.cli.drill.DrillReport.FinalState;
import dev.crossfade.cli.drill.TimeScale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/drill.md "Exit codes": a drill that ends with no single writer is not done, even when no run started. */
class DrillExitCodeTest {

    @Test
    void noFailover_withOneWriterLeft_shouldExitZero() {
        assertEquals(Main.OK, DrillCommand.exitCode(report(DrillReport.Result.NO_FAILOVER, "us-east-1")));
    }

    @Test
    void noFailover_withNoWriterLeft_shouldFail() {
        // a region outage whose quorum the surviving regions could not reach: the primary is gone, nothing replaced it
        assertEquals(Main.UNEXPECTED, DrillCommand.exitCode(report(DrillReport.Result.NO_FAILOVER, "")));
    }

    @Test
    void noFailover_withTwoWriters_shouldFail() {
        assertEquals(Main.UNEXPECTED, DrillCommand.exitCode(report(DrillReport.Result.NO_FAILOVER, "us-east-1,eu-west-1")));
    }

    @Test
    void theOtherResults_shouldKeepTheirCodes() {
        assertEquals(Main.OK, DrillCommand.exitCode(report(DrillReport.Result.SUCCEEDED, "eu-west-1")));
        assertEquals(Main.REFUSED, DrillCommand.exitCode(report(DrillReport.Result.ABORTED, "us-east-1")));
        assertEquals(Main.UNEXPECTED, DrillCommand.exitCode(report(DrillReport.Result.FAILED, "")));
    }

    private static DrillReport report(DrillReport.Result result, String writers) {
        return DrillReport.of("shop-prod", "us-east-1", result == DrillReport.Result.SUCCEEDED ? "eu-west-1" : null, result, 0, List.of(),
                new FinalState(writers, Map.of("us-east-1", 0, "eu-west-1", 0), null), List.of(), new TimeScale(20), List.of());
    }
}
