package dev.crossfade.functions.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.crossfade.topology.Topology.Engine;
import dev.crossfade.topology.env.RegionTargets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkflowConfigTest {

    /** The shape infra's FailoverWorkflow writes into CROSSFADE_REGIONS. */
    static final String REGIONS = "{\"us-east-1\":{\"priority\":1,\"desiredCount\":3,\"dbInstanceId\":\"db1\",\"dbClusterId\":null,"
            + "\"dbClusterArn\":null,\"dbParameterGroup\":\"pg1\",\"ecsCluster\":\"c1\",\"ecsService\":\"s1\",\"healthAlarm\":\"a1\","
            + "\"endpointGroupArn\":null},\"eu-west-1\":{\"priority\":2,\"desiredCount\":2,\"dbInstanceId\":\"db2\",\"dbClusterId\":null,"
            + "\"dbClusterArn\":null,\"dbParameterGroup\":\"pg2\",\"ecsCluster\":\"c2\",\"ecsService\":\"s2\",\"healthAlarm\":\"a2\","
            + "\"endpointGroupArn\":null,\"dbKmsKeyId\":\"arn:aws:kms:eu-west-1:123456789012:key/k2\"}}";

    @Test
    void stackEnvironment_shouldBecomeTheConfig() {
        WorkflowConfig config = WorkflowConfig.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod", "CROSSFADE_DB_ENGINE", "rds-postgres",
                "CROSSFADE_REGIONS", REGIONS, "CROSSFADE_RPO_BUDGET_SECONDS", "5", "CROSSFADE_APPROVAL_FOR_DATA_LOSS", "true",
                "CROSSFADE_STATE_TABLE", "shop-prod-failover-state"));

        assertEquals(Engine.RDS_POSTGRES, config.engine());
        assertEquals(new RegionTargets(2, 2, "db2", null, null, "pg2", "c2", "s2", "a2", null, "arn:aws:kms:eu-west-1:123456789012:key/k2"), config.region("eu-west-1"));
        assertEquals(Optional.empty(), config.acceleratorArn());
        assertEquals("default", config.eventBus());
        assertTrue(config.approvalForDataLoss());
    }

    @Test
    void env_shouldGiveBackTheSameConfig() {
        WorkflowConfig config = WorkflowConfig.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod", "CROSSFADE_DB_ENGINE", "rds-postgres",
                "CROSSFADE_REGIONS", REGIONS, "CROSSFADE_RPO_BUDGET_SECONDS", "5", "CROSSFADE_STATE_TABLE", "t",
                "CROSSFADE_MODE", "active-active", "CROSSFADE_ACCELERATOR_ARN", "arn:aws:globalaccelerator::123456789012:accelerator/a"));

        assertEquals(config, WorkflowConfig.fromEnv(config.env().toEnv()));
    }

    @Test
    void missingVariable_shouldBeNamed() {
        var e = assertThrows(IllegalStateException.class, () -> WorkflowConfig.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod")));

        assertEquals("environment variable CROSSFADE_REGIONS is not set", e.getMessage());
    }

    @Test
    void unconfiguredRegion_shouldBeNamedWithTheConfiguredOnes() {
        WorkflowConfig config = WorkflowConfig.fromEnv(Map.of("CROSSFADE_APPLICATION", "shop-prod", "CROSSFADE_DB_ENGINE", "rds-postgres",
                "CROSSFADE_REGIONS", REGIONS, "CROSSFADE_RPO_BUDGET_SECONDS", "5", "CROSSFADE_STATE_TABLE", "t"));

        var e = assertThrows(IllegalArgumentException.class, () -> config.region("ap-south-1"));

        assertTrue(e.getMessage().contains("'ap-south-1'") && e.getMessage().contains("us-east-1, eu-west-1"), e.getMessage());
    }
}
