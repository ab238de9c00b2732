package dev.crossfade.bench.criticalpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.bench.RepoFiles;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class AslPathTest {

    private static final String ASL = """
            {"StartAt":"IsDryRun","States":{
              "IsDryRun":{"Type":"Choice","Choices":[{"Variable":"$.mode","StringEquals":"dry-run","Next":"Plan"}],"Default":"Lock"},
              "Plan":{"Type":"Task","Parameters":{"FunctionName":"${PlanRunFunctionArn}"},"End":true},
              "Lock":{"Type":"Task","Parameters":{"FunctionName":"${AcquireLockFunctionArn}"},
                      "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Stopped"}],"Next":"Wait"},
              "Wait":{"Type":"Wait","Seconds":1,"Next":"Shift"},
              "Shift":{"Type":"Task","Parameters":{"FunctionName":"${ShiftTrafficFunctionArn}"},"Next":"Done"},
              "Stopped":{"Type":"Fail"},
              "Done":{"Type":"Succeed"}}}
            """;

    @Test
    void walk_shouldFollowTheEnteredBranch_andListOnlyLambdaTasks() {
        List<AslPath.Step> steps = AslPath.walk(ASL, List.of("IsDryRun", "Lock", "Wait", "Shift", "Done"));

        assertEquals(List.of(new AslPath.Step("Lock", "AcquireLock"), new AslPath.Step("Shift", "ShiftTraffic")), steps);
    }

    @Test
    void walk_shouldPassOverAParallelsBranches_asThePreWarmIsNoStepOfThePath() {
        String asl = """
                {"StartAt":"PreWarm","States":{
                  "PreWarm":{"Type":"Parallel","Branches":[
                    {"StartAt":"WarmUpAcquireLock","States":{"WarmUpAcquireLock":{"Type":"Task",
                      "Parameters":{"FunctionName":"${AcquireLockFunctionArn}","InvocationType":"Event"},"End":true}}}],
                    "ResultPath":null,"Next":"Lock"},
                  "Lock":{"Type":"Task","Parameters":{"FunctionName":"${AcquireLockFunctionArn}"},"Next":"Done"},
                  "Done":{"Type":"Succeed"}}}
                """;

        List<AslPath.Step> steps = AslPath.walk(asl, List.of("PreWarm", "WarmUpAcquireLock", "Lock", "Done"));

        assertEquals(List.of(new AslPath.Step("Lock", "AcquireLock")), steps);
    }

    @Test
    void walk_shouldRefuseACatchTransition_asNotTheSuccessPath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AslPath.walk(ASL, List.of("IsDryRun", "Lock", "Stopped")));
        assertTrue(e.getMessage().contains("from Lock to Stopped"), e.getMessage());
    }

    @Test
    void walk_shouldRefuseAPathThatDoesNotStartAtStartAt_orStopsHalfway() {
        assertThrows(IllegalArgumentException.class, () -> AslPath.walk(ASL, List.of("Lock", "Wait", "Shift", "Done")));
        assertThrows(IllegalArgumentException.class, () -> AslPath.walk(ASL, List.of("IsDryRun", "Lock", "Wait")));
    }

    @Test
    void everyTaskOfTheRealAsl_shouldInvokeAFunctionThatInfraDeploys() throws Exception {
        String asl = Files.readString(RepoFiles.root().resolve("statemachines/failover.asl.json"));
        var keys = new com.fasterxml.jackson.databind.ObjectMapper().readTree(asl).path("States").properties().stream()
                .filter(e -> "Task".equals(e.getValue().path("Type").asText()))
                .map(e -> e.getValue().path("Parameters").path("FunctionName").asText().replaceAll("^\\$\\{(.*)FunctionArn}$", "$1"))
                .toList();

        assertTrue(!keys.isEmpty());
        for (String key : keys) {
            assertTrue(CriticalPathBenchmark.deployments().containsKey(key), key + " is not deployed by infra's WorkflowFunction");
        }
    }
}
